namespace Hackle.Internal.Sync
{
    /// <summary>What the poller tells the holder of the workspace snapshot.</summary>
    internal interface IConfigSyncTarget
    {
        /// <summary>True when a config is in force (failures then leave it in place).</summary>
        bool HasConfig { get; }

        /// <summary>A new config arrived; put it in force.</summary>
        void Apply(HackleWorkspace workspace);

        /// <summary>The server confirmed the config in force is current (304).</summary>
        void Confirm();

        /// <summary>The server refused the SDK key.</summary>
        void Unauthorized();

        /// <summary>The server answered without refusing the key (any answer but 401/403): a config may come again.</summary>
        void KeyNotRefused();
    }
}
