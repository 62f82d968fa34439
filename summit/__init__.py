"""Summit Digest: wiring (settings, CLI) for the Slack app that digests summit coverage."""

__version__ = "0.1.0"
