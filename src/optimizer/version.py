"""The package version, in a module of its own: batch workers check it without importing the
package's public API (which imports the batch runner, a circle)."""

__version__ = "0.1.0"
