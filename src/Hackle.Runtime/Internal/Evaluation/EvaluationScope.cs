using System.Collections.Generic;
using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>
    /// State of one root decision: the workspace and user, plus what nested AB_TEST / FEATURE_FLAG
    /// conditions evaluated. The lists are created only when a nested condition is met, so plain
    /// decisions allocate nothing here.
    /// </summary>
    internal struct EvaluationScope
    {
        public EvaluationScope(HackleWorkspace workspace, HackleUser user, Experiment? root)
        {
            Workspace = workspace;
            User = user;
            Root = root;
            InProgress = null;
            Targets = null;
        }

        public HackleWorkspace Workspace { get; }
        public HackleUser User { get; }
        /// <summary>The root experiment, or null for a remote-config root.</summary>
        public Experiment? Root { get; }
        /// <summary>Nested evaluations under way, for cycle detection.</summary>
        public List<Experiment>? InProgress;
        /// <summary>Finished nested evaluations in evaluation order: the cache and the extra exposures.</summary>
        public List<ExperimentEvaluation>? Targets;

        public bool TryGetCached(Experiment experiment, out ExperimentEvaluation evaluation)
        {
            var targets = Targets;
            if (targets != null)
            {
                for (var i = 0; i < targets.Count; i++)
                {
                    if (targets[i].Experiment.Id == experiment.Id && targets[i].Experiment.Type == experiment.Type)
                    {
                        evaluation = targets[i];
                        return true;
                    }
                }
            }
            evaluation = default;
            return false;
        }

        public bool IsInProgress(Experiment experiment) =>
            ReferenceEquals(experiment, Root) || (InProgress != null && InProgress.Contains(experiment));
    }
}
