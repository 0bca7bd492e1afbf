namespace Hackle.Internal.Model
{
    internal sealed class EventType
    {
        public EventType(long id, string key)
        {
            Id = id;
            Key = key;
        }

        public long Id { get; }
        public string Key { get; }
    }
}
