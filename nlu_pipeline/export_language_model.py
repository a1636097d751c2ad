"""Export the sentence encoder to ONNX, once, at build time.

``python -m nlu_pipeline.export_language_model WEIGHTS OUT`` loads the encoder exactly as
Rasa's LanguageModelFeaturizer does (TensorFlow, from the pinned package's weights) and
writes its forward pass as one ONNX graph, which ONNX Runtime then runs for every
question (see onnx_language_model.py). Nothing is downloaded. `make spacy` calls this.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import onnx

# The graph's inputs, as onnx_language_model.py feeds them.
TOKEN_IDS = "token_ids"  # noqa: S105 (an input name, not a secret)
ATTENTION_MASK = "attention_mask"
OPSET = 15


def export(weights: Path, out: Path, model_name: str = "bert") -> None:
    """Write the encoder in `weights` to `out` as ONNX (token ids + mask -> hidden states)."""
    # TensorFlow imports JAX only for a converter we never use (see rasa_server/__main__.py).
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
    import tensorflow as tf
    import tf2onnx
    from rasa.nlu.utils.hugging_face.registry import model_class_dict

    model = model_class_dict[model_name].from_pretrained(str(weights))
    signature = (
        tf.TensorSpec(shape=(None, None), dtype=tf.int32, name=TOKEN_IDS),
        tf.TensorSpec(shape=(None, None), dtype=tf.float32, name=ATTENTION_MASK),
    )

    @tf.function(input_signature=signature)
    def hidden_states(token_ids: tf.Tensor, attention_mask: tf.Tensor) -> tf.Tensor:
        return model(token_ids, attention_mask=attention_mask, training=False)[0]

    graph, _ = tf2onnx.convert.from_function(hidden_states, input_signature=signature, opset=OPSET)
    save(graph, out)


def save(graph: onnx.ModelProto, out: Path) -> None:
    """Write `graph` to `out`, its weights to `weights_file(out)`, replacing an older export.

    The weights go to a file of their own, which ONNX Runtime maps into memory instead of
    copying: measured 55 MB a process instead of 140, and the Sanic workers share it.
    ONNX *appends* to an existing weights file, so both files are written in a fresh
    folder and then moved into place: the old graph goes first and the new one comes
    last, so a half-replaced export is never used (without its graph, the featurizer
    says to run `make spacy`).
    """
    import onnx

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as work:
        staged = Path(work) / out.name
        onnx.save_model(
            graph,
            str(staged),
            save_as_external_data=True,
            all_tensors_to_one_file=True,
            location=weights_file(out).name,
        )
        out.unlink(missing_ok=True)
        weights_file(staged).replace(weights_file(out))
        staged.replace(out)


def weights_file(out: Path) -> Path:
    """Where the export of `out` keeps its weights."""
    return out.with_name(out.name + ".data")


def main(argv: Sequence[str] | None = None) -> int:
    """Export, or say what is missing (exit code 2)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", type=Path, help="folder with the encoder's weights")
    parser.add_argument("out", type=Path, help="the .onnx file to write")
    args = parser.parse_args(argv)
    if not (args.weights / "config.json").is_file():
        print(f"No language model in {args.weights}: run `make install` first.", file=sys.stderr)
        return 2
    export(args.weights, args.out)
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
