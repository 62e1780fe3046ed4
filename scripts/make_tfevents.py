#!/usr/bin/env python3
"""Writes the TensorBoard fixtures of tests/fixtures/logs/tensorboard/ with the `tensorboard`
package's own event writer (pip install tensorboard; no TensorFlow needed), so that the files
are genuine TFRecord/Event bytes rather than our reading of the format.

- `simple/`: one file, PyTorch-`SummaryWriter`-style scalars (`simple_value`): `train/loss`,
  `val/loss` every 2 steps, `lr`.
- `keras/`: Keras-TensorBoard-style TF2 scalars (tensors, dtype float, shape []), with
  `epoch_loss` and `epoch_learning_rate` in `train/` and `epoch_loss` in `validation/`.

Usage: python3 scripts/make_tfevents.py tests/fixtures/logs/tensorboard
"""
import math
import os
import sys

from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter


def simple_value(tag, value):
    return summary_pb2.Summary.Value(tag=tag, simple_value=value)


def tensor_value(tag, value):
    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[value])
    metadata = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars")
    )
    return summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=metadata)


def write(folder, events):
    os.makedirs(folder, exist_ok=True)
    writer = EventFileWriter(folder, filename_suffix=".fixture")
    for step, values in events:
        event = event_pb2.Event(
            wall_time=1_700_000_000.0 + step, step=step, summary=summary_pb2.Summary(value=values)
        )
        writer.add_event(event)
    writer.close()


def main(out):
    # A decaying loss with a little deterministic wobble; validation rises after step 12.
    train = [2.0 * math.exp(-0.15 * t) + 0.05 * (1 + math.sin(t)) / 10 for t in range(30)]
    val = {t: 2.1 * math.exp(-0.12 * t) + (0.02 * (t - 12) if t > 12 else 0) for t in range(0, 30, 2)}
    events = []
    for t in range(30):
        values = [simple_value("train/loss", train[t]), simple_value("lr", 0.01 if t < 20 else 0.001)]
        if t in val:
            values.append(simple_value("val/loss", val[t]))
        events.append((t, values))
    write(os.path.join(out, "simple"), events)

    epochs = range(12)
    write(
        os.path.join(out, "keras", "train"),
        [
            (e, [tensor_value("epoch_loss", 1.5 * 0.8**e), tensor_value("epoch_learning_rate", 0.001)])
            for e in epochs
        ],
    )
    write(
        os.path.join(out, "keras", "validation"),
        [(e, [tensor_value("epoch_loss", 1.6 * 0.85**e + 0.01 * (e % 2))]) for e in epochs],
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/logs/tensorboard")
