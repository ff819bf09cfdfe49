"""Conflict timeline explorer: the extraction library under the app and the command line."""
