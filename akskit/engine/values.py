"""Frozen, slotted value classes built without importing :mod:`dataclasses` (the plan path's classes).

``import dataclasses`` imports ``inspect``, ``ast``, ``dis`` and ``tokenize`` (about 7 ms of every
``akskit plan``), and each ``@dataclass`` compiles six methods one by one (0.3-0.7 ms a class).
:func:`dataclass` here builds what ``@dataclass(frozen=True, slots=True)`` builds for a class without
bases, with one compile per class: ``__init__`` (calling ``__post_init__``), ``__repr__``, ``__eq__``,
``__hash__``, frozen ``__setattr__``/``__delattr__`` (raising :class:`dataclasses.FrozenInstanceError`),
``__match_args__`` and pickling state. ``dataclasses.fields``, ``replace``, ``asdict`` and
``is_dataclass`` keep working: ``__dataclass_fields__`` and ``__dataclass_params__`` are made on first
use, by applying the real decorator to a twin of the declaration (dataclasses is imported then).

Modules use it as ``if TYPE_CHECKING: from dataclasses import dataclass, field`` else from here, so
type checkers see the real decorator.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing on the plan path
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["dataclass", "field", "replace"]


class _Factory:
    """``field(default_factory=...)``: the only form of ``field`` the engine uses."""

    __slots__ = ("factory",)

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory


def field(*, default_factory: Callable[[], Any]) -> Any:
    """``dataclasses.field(default_factory=...)`` for :func:`dataclass`."""
    return _Factory(default_factory)


class _HasFactory:
    """The default shown for a field with a factory (dataclasses shows ``<factory>`` too)."""

    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()


def _frozen(name: str) -> Exception:
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(f"cannot assign to field {name!r}")


class _Lazy:
    """A class attribute made on first read (then stored on the class in its place)."""

    def __init__(self, name: str, declared: dict[str, Any]) -> None:
        self.name = name
        self.declared = declared

    def __get__(self, obj: object, cls: type) -> Any:
        import dataclasses

        body = dict(self.declared)
        for key, value in body.items():
            if isinstance(value, _Factory):
                body[key] = dataclasses.field(default_factory=value.factory)
        twin: Any = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), body))
        for name in ("__dataclass_fields__", "__dataclass_params__"):
            type.__setattr__(cls, name, getattr(twin, name))
        return getattr(cls, self.name)


def _methods(names: tuple[str, ...]) -> dict[str, Any]:
    """``__repr__``, ``__eq__``, ``__hash__``, frozen ``__setattr__``, ``__delattr__``, pickling: as dataclasses'."""
    values: Callable[[object], tuple[Any, ...]]
    if len(names) > 1:
        values = attrgetter(*names)  # a tuple of the fields' values
    else:

        def values(obj: object) -> tuple[Any, ...]:
            return tuple([getattr(obj, n) for n in names])

    def __repr__(self: object) -> str:
        shown = ", ".join([f"{n}={v!r}" for n, v in zip(names, values(self), strict=True)])
        return f"{self.__class__.__qualname__}({shown})"

    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self: object) -> int:
        return hash(values(self))

    def __setattr__(self: object, name: str, value: object) -> None:
        raise _frozen(name)

    def __delattr__(self: object, name: str) -> None:
        raise _frozen(name)

    def __getstate__(self: object) -> list[Any]:
        return list(values(self))

    def __setstate__(self: object, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return {
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }


def _build(cls: type) -> type:
    if cls.__bases__ != (object,):
        raise TypeError(f"{cls.__qualname__}: akskit.engine.values.dataclass takes classes without bases")
    ns = dict(cls.__dict__)
    annotations = ns.get("__annotations__", {})
    names = tuple(annotations)
    defaults = {n: ns.pop(n) for n in names if n in ns}
    for n in ("__dict__", "__weakref__"):
        ns.pop(n, None)
    ns["__slots__"] = names
    ns["__match_args__"] = names
    declared = {
        "__annotations__": annotations,
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        **defaults,
    }
    ns["__dataclass_fields__"] = _Lazy("__dataclass_fields__", declared)
    ns["__dataclass_params__"] = _Lazy("__dataclass_params__", declared)

    # Each field is set through its slot's descriptor, ``__set_<name>(self, value)``: what
    # ``object.__setattr__`` ends up calling, without looking the name up on the class first.
    glob: dict[str, Any] = {"__frozen": _frozen, "__HAS_FACTORY": _HAS_FACTORY}
    params, body = [], []
    for n in names:
        value = defaults.get(n, glob)
        if value is glob:
            params.append(n)
            body.append(f" __set_{n}(self, {n})")
        elif isinstance(value, _Factory):
            glob[f"__f_{n}"] = value.factory
            params.append(f"{n}=__HAS_FACTORY")
            body.append(f" __set_{n}(self, __f_{n}() if {n} is __HAS_FACTORY else {n})")
        else:
            glob[f"__d_{n}"] = value
            params.append(f"{n}=__d_{n}")
            body.append(f" __set_{n}(self, {n})")
    if "__post_init__" in ns:
        body.append(" self.__post_init__()")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or [" pass"]), glob)  # noqa: S102
    # __init__ is compiled (as dataclasses does: the fastest to call); the rest are closures (compiling costs
    # more than the whole class otherwise)
    methods = _methods(names)
    if "__init__" not in ns:
        methods["__init__"] = glob["__init__"]
    for fn, method in methods.items():
        if fn in ns and fn in ("__repr__", "__getstate__", "__setstate__"):
            continue  # a method the class defines itself stays (dataclasses keeps it too)
        method.__qualname__ = f"{cls.__qualname__}.{fn}"
        ns[fn] = method
    new = type(cls)(cls.__name__, cls.__bases__, ns)
    new.__qualname__ = cls.__qualname__
    for n in names:  # the slots' descriptors exist once the class does
        glob[f"__set_{n}"] = new.__dict__[n].__set__
    return new


def dataclass(*, frozen: bool, slots: bool) -> Callable[[type], type]:
    """``@dataclass(frozen=True, slots=True)`` without importing dataclasses (the only form accepted)."""
    if not (frozen and slots):
        raise TypeError("akskit.engine.values.dataclass builds frozen, slotted classes only")
    return _build


def replace(obj: Any, /, **changes: Any) -> Any:
    """``dataclasses.replace`` for this module's classes: a copy with ``changes`` (unknown names raise TypeError)."""
    for n in type(obj).__match_args__:
        if n not in changes:
            changes[n] = getattr(obj, n)
    return type(obj)(**changes)
