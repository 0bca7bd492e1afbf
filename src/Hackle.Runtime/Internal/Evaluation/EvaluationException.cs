using System;

namespace Hackle.Internal.Evaluation
{
    /// <summary>An internal inconsistency (missing bucket, container, variation, cycle); the API turns it into EXCEPTION.</summary>
    internal sealed class EvaluationException : Exception
    {
        public EvaluationException(string message) : base(message)
        {
        }
    }
}
