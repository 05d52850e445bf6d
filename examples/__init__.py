"""Example articles bundled with kg (used by `kg demo`), shipped as `kg.examples`."""
