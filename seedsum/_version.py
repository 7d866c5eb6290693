"""The version of seedsum (read by the build, and part of cache keys of whole results)."""

__version__ = "0.1.0"
