namespace ScimFunctions.Http;

/// <summary>A missing or malformed setting: the hosts print its message (which names the setting) and stop.</summary>
public sealed class ScimConfigurationException : InvalidOperationException
{
    public ScimConfigurationException()
    {
    }

    public ScimConfigurationException(string message)
        : base(message)
    {
    }

    public ScimConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
