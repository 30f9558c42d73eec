"""The live figure an explorer shows: plotly's own front end, fed by akskit without ``plotly.basewidget``.

``plotly.graph_objects.FigureWidget`` costs a fresh kernel about 2.5 s the first
time: its module imports ``plotly.io._renderers``, hence ``nbformat``,
``jsonschema`` and the parsers ``rfc3987_syntax`` builds at import. Its front end
is plain JavaScript that plotly ships (``plotly/package_data/widgetbundle.js``:
plotly.js and the FigureWidget view, an anywidget ESM that JupyterLab, Notebook 7,
Voila and JupyterLite load). :class:`PlotlyView` is an anywidget with that ESM and
the same synced traits: the figure's JSON when it is built (``_widget_data``,
``_widget_layout``, ``_config``), then, for each :meth:`~PlotlyView.push`, one
``Plotly.update`` message (``_py2js_update``) carrying only the attributes that
changed since the last push (:func:`changes`). The view's replies after each
update (every trace's full state merged and diffed in the page, then sent back as
``_js2py_traceDeltas``, which only ``FigureWidget`` reads) are switched off
(:func:`quiet_esm`); clicks and zooms it still reports are ignored.
The figure itself stays a plain ``go.Figure`` (``Explorer.figure``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import anywidget
import traitlets as t

from akskit.plots import widget_esm

__all__ = ["PlotlyView", "changes", "quiet_esm"]

#: The front end's deserializer reads this string as ``undefined``: "leave this trace's attribute as it is".
UNDEFINED = "_undefined_"
_MISSING = object()


def _jsonable(value: Any, _widget: Any = None) -> Any:
    """``value`` with arrays (numpy, anything with ``tolist``) as lists: what the comm's JSON can carry."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


_JSON = {"to_json": _jsonable}


_EXPORT = re.compile(r"export\{([\w$]+) as FigureModel,([\w$]+) as FigureView,([\w$]+) as default\};")


def quiet_esm(bundle: str) -> str:
    """Plotly's widget bundle with the view's replies after each update switched off.

    After each ``Plotly.update`` the bundle's view merges every trace's full state
    and sends the kernel what plotly.js filled in (``_sendTraceDeltas``,
    ``_sendLayoutDelta``): work on the page's main thread and a message per update
    that only ``FigureWidget`` reads. This makes both no-ops on the exported view
    class; a bundle that does not export it as expected is returned unchanged (it
    still works, replies included).

    >>> quiet_esm("class V{};export{M as FigureModel,V as FigureView,d as default};")[10:81]
    'V.prototype._sendTraceDeltas=V.prototype._sendLayoutDelta=function(){};'
    >>> quiet_esm("export default {}")
    'export default {}'
    """
    start = bundle.rfind("export{")
    found = _EXPORT.match(bundle, start) if start >= 0 else None
    if found is None:
        return bundle
    view = found.group(2)
    off = f"{view}.prototype._sendTraceDeltas={view}.prototype._sendLayoutDelta=function(){{}};"
    return bundle[:start] + off + bundle[start:]


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except ValueError:  # numpy arrays compare element-wise: call them different, send the new value
        return False


def changes(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Attribute paths (``"line.color"``) whose value differs from ``old`` to ``new``; ``None`` where removed.

    Nested objects are compared key by key, lists and plotly's typed arrays
    (``{"dtype": ..., "bdata": ...}``, how plotly writes numpy arrays) as whole values:
    the form ``Plotly.relayout`` and ``Plotly.restyle`` take, where ``null`` removes an attribute.

    >>> changes({"x": [1, 2], "line": {"color": "red", "width": 2}}, {"x": [1, 2], "line": {"color": "blue"}})
    {'line.color': 'blue', 'line.width': None}
    """
    out: dict[str, Any] = {}
    for key, value in new.items():
        before = old.get(key, _MISSING)
        if before is _MISSING:
            out[prefix + key] = value
        elif isinstance(value, dict) and isinstance(before, dict) and "bdata" not in value and "bdata" not in before:
            if not _same(before, value):
                out.update(changes(before, value, f"{prefix}{key}."))
        elif not _same(before, value):
            out[prefix + key] = value
    for key in old.keys() - new.keys():
        out[prefix + key] = None
    return out


class PlotlyView(anywidget.AnyWidget):
    """A plotly figure drawn by plotly's own widget front end, updated by :meth:`push` with what changed.

    >>> import plotly.graph_objects as go
    >>> fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    >>> view = PlotlyView(fig)
    >>> fig.data[0].y = [3, 5]
    >>> sent = view.push(fig)
    >>> sent["style_data"], sent["style_traces"], sent["layout_data"]
    ({'y': [[3, 5]]}, [0], {})
    >>> view.push(fig) is None  # nothing changed: nothing sent
    True
    """

    _esm = quiet_esm(widget_esm().read_text(encoding="utf-8"))
    _widget_data: t.List[dict[str, Any]] = t.List().tag(sync=True, **_JSON)
    _widget_layout = t.Dict().tag(sync=True, **_JSON)
    _config = t.Dict().tag(sync=True)
    _py2js_update = t.Dict(allow_none=True).tag(sync=True, **_JSON)
    _py2js_addTraces = t.Dict(allow_none=True).tag(sync=True, **_JSON)
    _py2js_deleteTraces = t.Dict(allow_none=True).tag(sync=True)

    def __init__(self, fig: Any) -> None:
        """Show ``fig`` (a ``go.Figure``) as it stands now."""
        state = fig.to_plotly_json()
        super().__init__(_widget_data=state["data"], _widget_layout=state["layout"])
        self._edit_id = 0

    def push(self, fig: Any) -> dict[str, Any] | None:
        """Send the page what changed in ``fig`` since the last push (one ``Plotly.update``); return the message."""
        state = fig.to_plotly_json()
        data, layout = state["data"], state["layout"]
        shown: list[dict[str, Any]] = self._widget_data
        if len(data) != len(shown):  # traces added or removed (a learner's edit): replace them all
            self._edit_id += 1
            ids = {"trace_edit_id": self._edit_id, "layout_edit_id": self._edit_id}
            self._message("_py2js_deleteTraces", {"delete_inds": list(range(len(shown))), **ids})
            self._message("_py2js_addTraces", {"trace_data": data, **ids})
            shown = data
        per_trace = [changes(before, after) for before, after in zip(shown, data, strict=True)]
        traces = [i for i, c in enumerate(per_trace) if c]
        relayout = changes(self._widget_layout, layout)
        self._keep(data, layout)
        if not traces and not relayout:
            return None
        paths = dict.fromkeys(path for i in traces for path in per_trace[i])
        restyle = {path: [per_trace[i].get(path, UNDEFINED) for i in traces] for path in paths}
        self._edit_id += 1
        message = {
            "style_data": restyle,
            "layout_data": relayout,
            "style_traces": traces,
            "trace_edit_id": self._edit_id,
            "layout_edit_id": self._edit_id,
            "source_view_id": None,
        }
        self._message("_py2js_update", message)
        return message

    def _message(self, name: str, message: dict[str, Any]) -> None:
        """A one-shot message: set the trait (one comm message), then clear it here only.

        ``FigureWidget`` also syncs the clearing ``None``: a second message per update
        that the page only ignores. Each message carries a new edit id, so the page's
        copy always sees a change; a page that connects later gets ``None`` here.
        """
        setattr(self, name, message)
        self._trait_values[name] = None

    def _keep(self, data: list[dict[str, Any]], layout: dict[str, Any]) -> None:
        """Record the figure as shown, without syncing it again: a page that reconnects gets it as it stands."""
        self._trait_values["_widget_data"] = data
        self._trait_values["_widget_layout"] = layout
