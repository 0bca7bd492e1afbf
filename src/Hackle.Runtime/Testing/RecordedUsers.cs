namespace Hackle.Testing
{
    /// <summary>How the recorded-event filters and the per-user forces recognise a user.</summary>
    internal static class RecordedUsers
    {
        /// <summary>True when <paramref name="id"/> is the user's id, user id or device id.</summary>
        public static bool Matches(HackleUser user, string id) =>
            id != null && (user.Id == id || user.UserId == id || user.DeviceId == id);
    }
}
