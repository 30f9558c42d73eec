"""deploy/z2jh/config.yaml: valid against the Zero to JupyterHub chart's values schema, and computed by akskit.

The schema is a vendored subset of ``jupyterhub/values.schema.yaml`` (jupyterhub/zero-to-jupyterhub-k8s,
commit 02dd73df01bdbb6d602fed21b0be12565ab38080; tests/data/README.md says what the subset keeps), with the
chart's ``additionalProperties: false``: a misspelt key fails here, before helm sees it.
"""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from akskit.course.classroom import load_classroom, room, z2jh_values

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "z2jh" / "config.yaml"
SCHEMA = Path(__file__).resolve().parent / "data" / "z2jh_values_schema.json"


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    values: dict[str, Any] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return values


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _errors(validator: jsonschema.Draft7Validator, values: dict[str, Any]) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values)]


class TestSchema:
    """The config against the chart's schema."""

    def test_the_config_is_valid(self, config: dict[str, Any], validator: jsonschema.Draft7Validator) -> None:
        """Every key is one the chart knows, with a value of the type the chart wants."""
        assert _errors(validator, config) == []

    def test_the_schema_names_its_source(self) -> None:
        """The vendored schema carries its repository, path and commit."""
        comment = json.loads(SCHEMA.read_text(encoding="utf-8"))["$comment"]
        assert "jupyterhub/zero-to-jupyterhub-k8s" in comment
        assert "jupyterhub/values.schema.yaml" in comment
        assert re.search(r"\b[0-9a-f]{40}\b", comment)

    @pytest.mark.parametrize(
        ("path", "typo"),
        [
            (("singleuser",), "defaultURL"),
            (("singleuser", "memory"), "guarentee"),
            (("scheduling",), "userPlaceholders"),
            (("cull",), "timeOut"),
            ((), "singleUser"),
        ],
    )
    def test_a_misspelt_key_fails(
        self, config: dict[str, Any], validator: jsonschema.Draft7Validator, path: tuple[str, ...], typo: str
    ) -> None:
        """A key the chart does not know, at any level the config touches, is refused."""
        broken = copy.deepcopy(config)
        table = broken
        for key in path:
            table = table[key]
        table[typo] = table.pop(next(iter(table))) if path else {}
        errors = _errors(validator, broken)
        assert any(typo in e and "Additional properties" in e for e in errors), errors

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("cull", "timeout"), "an hour"),
            (("scheduling", "userPods", "nodeAffinity", "matchNodePurpose"), "always"),
            (("singleuser", "cpu", "limit"), "1 core"),
            (("scheduling", "userPlaceholder", "replicas"), 2.5),
        ],
    )
    def test_a_wrong_type_fails(
        self, config: dict[str, Any], validator: jsonschema.Draft7Validator, path: tuple[str, ...], value: Any
    ) -> None:
        """A value of the wrong type or outside the chart's enum is refused."""
        broken = copy.deepcopy(config)
        table = broken
        for key in path[:-1]:
            table = table[key]
        table[path[-1]] = value
        assert _errors(validator, broken)


class TestComputed:
    """The config's figures are akskit's, and akskit's are the arithmetic of classroom.toml."""

    def test_resources_equal_akskits(self, config: dict[str, Any]) -> None:
        """singleuser.memory, singleuser.cpu and the placeholder count are what akskit computes."""
        wanted = z2jh_values(load_classroom())
        assert config["singleuser"]["memory"] == wanted["singleuser"]["memory"]
        assert config["singleuser"]["cpu"] == wanted["singleuser"]["cpu"]
        placeholders = config["scheduling"]["userPlaceholder"]["replicas"]
        assert placeholders == wanted["scheduling"]["userPlaceholder"]["replicas"]

    def test_resources_from_independent_arithmetic(self, config: dict[str, Any]) -> None:
        """Guarantee = measured x margin (rounded up), limit = guarantee x factor, read from the TOML itself."""
        import tomllib

        data = tomllib.loads((ROOT / "akskit/course/data/classroom.toml").read_text(encoding="utf-8"))
        guarantee = math.ceil(data["learner"]["memory_mib"] * data["pod"]["margin"])
        limit = math.ceil(guarantee * data["pod"]["memory_limit_factor"])
        assert config["singleuser"]["memory"] == {"guarantee": f"{guarantee}M", "limit": f"{limit}M"}
        cores = data["learner"]["cpu_seconds"] / (data["learner"]["session_minutes"] * 60)
        cpu = math.ceil(round(cores * data["pod"]["margin"] * 1000, 6)) / 1000
        assert config["singleuser"]["cpu"] == {"guarantee": cpu, "limit": data["pod"]["cpu_limit"]}
        room_size = data["rooms"]["config_room"]
        assert config["scheduling"]["userPlaceholder"]["replicas"] == math.ceil(
            room_size * data["rooms"]["placeholder_fraction"]
        )
        assert config["scheduling"]["userPlaceholder"]["replicas"] == room(load_classroom(), room_size).placeholders

    def test_workshop_settings(self, config: dict[str, Any]) -> None:
        """Culling on, user scheduler and placeholders on, learners on the user pool, dropped into notebook 03."""
        assert config["cull"]["enabled"] is True
        assert config["cull"]["timeout"] > 0
        assert config["scheduling"]["userScheduler"]["enabled"] is True
        assert config["scheduling"]["userPlaceholder"]["enabled"] is True
        assert config["scheduling"]["userPods"]["nodeAffinity"]["matchNodePurpose"] == "require"
        notebook = config["singleuser"]["defaultUrl"].removeprefix("/lab/tree/")
        assert (ROOT / notebook).is_file()
        assert notebook.endswith("03_kubenet.ipynb")

    def test_the_authenticator_is_marked_not_for_the_internet(self) -> None:
        """The shared-password authenticator carries its warning beside it."""
        text = CONFIG.read_text(encoding="utf-8")
        assert "authenticator_class: dummy" in text
        assert "NOT FOR THE INTERNET" in text
