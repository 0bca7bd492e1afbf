namespace Hackle.Internal.Model
{
    internal enum KeyType
    {
        UserId, UserProperty, HackleProperty, Segment, AbTest, FeatureFlag, EventProperty, Cohort,
        NumberOfEventsInDays, NumberOfEventsWithPropertyInDays,
    }
}
