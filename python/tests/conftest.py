"""Shared fixtures: the asia network of the examples and paths to the test data."""
import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("PITCHRISK_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SHARED = pathlib.Path(os.environ.get("PITCHRISK_SHARED_DIR", SOURCE.parent / "shared"))


@pytest.fixture
def asia_path():
    path = SHARED / "networks" / "asia.bif"
    if not path.exists():
        pytest.skip(f"no shared networks at {SHARED}")
    return path


@pytest.fixture
def shared_network():
    def find(name):
        path = SHARED / "networks" / f"{name}.bif"
        if not path.exists():
            pytest.skip(f"no shared network {path}")
        return path
    return find
