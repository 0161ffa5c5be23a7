"""manim_voiceover inside the sandbox child (loaded by child.py before the audit hook, only for scenes that
import the plugin). The child has no network and may not start processes, so no real speech service can work
here: every service the scene asks for (GTTSService, AzureService, RecorderService, its own subclass, ...) is
replaced by one that only serves the speech the trusted side made before the run, from the job folder's
voiceovers/manifest.json (mathanim/speech/voiceover.py). A text it has no speech for is a clear error."""

import importlib.abc
import importlib.machinery
import json
import os
import sys
import types

FOLDER = "voiceovers"  # in the job folder (the child's current folder); the same name as the trusted side's
PREFIX = "manim_voiceover.services."
REAL = {"manim_voiceover.services.base", "manim_voiceover.services.cache"}


class VoiceoverTextError(RuntimeError):
    """A voiceover text that was not spoken before the run."""


def make_service(base, folder, entries):
    """A SpeechService subclass that accepts any service's arguments and serves only the manifest's files."""

    class OfflineSpeechService(base):
        def __init__(self, *args, **kwargs):  # a requested service's settings (keys, voices, speed) mean nothing here
            self.cache_dir, self.global_speed, self.additional_kwargs = folder, 1.0, {}
            self.transcription_model, self.transcription_kwargs, self._whisper_model = None, {}, None

        def _wrap_generate_from_text(self, text, **kwargs):
            key = " ".join(str(text).split())
            if key not in entries:
                raise VoiceoverTextError(
                    f"the voiceover text {key[:80]!r} has no speech: in the sandbox only texts written as literal "
                    "strings in self.voiceover(text=\"...\") are spoken (before the render, offline)")
            name = entries[key]["file"]
            return {"input_text": key, "input_data": {"input_text": key, "service": "mathanim-offline"},
                    "original_audio": name, "final_audio": name, "word_boundaries": []}

        def generate_from_text(self, text, cache_dir=None, path=None, **kwargs):
            return self._wrap_generate_from_text(text)

    return OfflineSpeechService


class ServiceFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Any manim_voiceover.services.<name> module (but the base) is a stand-in whose every public name is the
    offline service: `from manim_voiceover.services.gtts import GTTSService` gets it, and no service's own
    code (network clients, recorders, installers) is ever imported."""

    def __init__(self, service):
        self.service = service

    def find_spec(self, fullname, path=None, target=None):
        if fullname.startswith(PREFIX) and fullname not in REAL:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        service = self.service

        def lookup(name):
            if name.startswith("_"):
                raise AttributeError(name)
            return service

        module.__getattr__ = lookup
        return module

    def exec_module(self, module):
        pass


def install(job):
    """Replace every speech service by the offline one (called by child.py when the job has speech)."""
    from manim_voiceover import VoiceoverScene
    from manim_voiceover.services.base import SpeechService

    folder = os.path.join(os.getcwd(), FOLDER)
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        entries = json.load(f)["entries"]
    service = make_service(SpeechService, folder, entries)
    for name in [n for n in sys.modules if n.startswith(PREFIX) and n not in REAL]:
        del sys.modules[name]
    sys.meta_path.insert(0, ServiceFinder(service))
    original = VoiceoverScene.set_speech_service

    def set_speech_service(self, speech_service=None, create_subcaption=True, **kwargs):
        original(self, service(), create_subcaption)

    VoiceoverScene.set_speech_service = set_speech_service
    return service
