"""Narrated lessons: a storyboard of scenes, rendered one by one, joined with voice-over and subtitles."""
