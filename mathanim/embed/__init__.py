"""Code<->frame embeddings: a CLIP-style dual encoder trained here on (scene code, last frame) pairs.

`data` builds and caches the pairs (frames rendered in the sandbox), `model` holds the encoders and the
checkpoint format, `train` fits them, `eval` measures retrieval and separation, `score.consistency` is the
one call the rest of the app uses. Importing this package does not import torch.
"""

from .score import consistency, model_path

__all__ = ["consistency", "model_path"]
