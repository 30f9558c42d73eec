"""The live figure an explorer shows: plotly.js drawn by akskit's own small view, without ``plotly.basewidget``.

``plotly.graph_objects.FigureWidget`` costs a fresh kernel about 2.5 s the first
time: its module imports ``plotly.io._renderers``, hence ``nbformat``,
``jsonschema`` and the parsers ``rfc3987_syntax`` builds at import.
:class:`PlotlyView` is an anywidget of a few dozen lines of JavaScript
(:data:`VIEW`) on plotly.js: it draws the figure's JSON once (``_widget_data``,
``_widget_layout``, ``_config``) with ``Plotly.newPlot``, then, for each
:meth:`~PlotlyView.push`, one ``Plotly.update`` message (``_py2js_update``)
carrying only the attributes that changed since the last push (:func:`changes`).
The figure itself stays a plain ``go.Figure`` (``Explorer.figure``).

plotly.js is 4.8 MB. JupyterLab, JupyterLite and Voila usually have it on the page
already (plotly's own JupyterLab extension sets ``window.Plotly`` for figure
outputs), and the view uses that one. Only where it is missing does the view ask
the kernel's one :class:`PlotlyLibrary` for the copy plotly ships, once per page.
(An earlier version sent plotly's widget bundle, 5 MB, as every view's ESM:
anywidget evaluates each view's ESM anew, about 0.7 s of the page's time per explorer.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import anywidget
import traitlets as t
from ipywidgets import widget_serialization

from akskit.plots import plotly_js

__all__ = ["PlotlyLibrary", "PlotlyView", "changes"]

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


#: Each view's ESM: plotly.js from the page (or, where missing, from the kernel once),
#: the figure drawn with ``Plotly.newPlot``, then each message applied as plotly.js's own call.
VIEW = """
const UNDEFINED = "_undefined_";
const REF = "IPY_MODEL_";
const WAIT_MS = 60000;

async function fromKernel(model) {
  const library = await model.widget_manager.get_model(model.get("_library").slice(REF.length));
  if (!library.get("_source")) {
    const arrived = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("plotly.js did not arrive from the kernel")), WAIT_MS);
      library.once("change:_source", () => { clearTimeout(timer); resolve(); });
    });
    library.send({ need: "plotly.js" });
    await arrived;
  }
  // a classic script (plotly.js sets window.Plotly), blind to any module loader on the page
  const code = ["(function (module, exports, define) {\\n", library.get("_source"), "\\n})();"];
  const url = URL.createObjectURL(new Blob(code, { type: "text/javascript" }));
  try {
    await new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: url, onload: resolve, onerror: reject });
      document.head.append(script);
    });
  } finally { URL.revokeObjectURL(url); }
  return globalThis.Plotly;
}

// plotly's extension may still be loading its plotly.js: the page's or the kernel's, whichever comes first
function plotly(model) {
  if (globalThis.Plotly?.newPlot) return Promise.resolve(globalThis.Plotly);
  if (!globalThis.__akskitPlotly) {
    let settled = false;
    const onPage = new Promise((resolve) => {
      const look = () => (globalThis.Plotly?.newPlot ? resolve(globalThis.Plotly) : settled || setTimeout(look, 25));
      look();
    });
    globalThis.__akskitPlotly = Promise.race([onPage, fromKernel(model)]).finally(() => { settled = true; });
    globalThis.__akskitPlotly.catch(() => { delete globalThis.__akskitPlotly; });
  }
  return globalThis.__akskitPlotly;
}

const defined = (values) => values.map((v) => (v === UNDEFINED ? undefined : v));

export default {
  async render({ model, el }) {
    let Plotly;
    try { Plotly = await plotly(model); } catch (error) { el.textContent = String(error); return; }
    const gd = document.createElement("div");
    el.append(gd);
    await Plotly.newPlot(gd, model.get("_widget_data"), model.get("_widget_layout"), model.get("_config"));
    const on = (name, apply) => model.on(`change:${name}`, () => { const m = model.get(name); if (m) apply(m); });
    on("_py2js_update", (m) => {
      const style = Object.fromEntries(Object.entries(m.style_data).map(([k, v]) => [k, defined(v)]));
      Plotly.update(gd, style, m.layout_data, m.style_traces);
    });
    on("_py2js_deleteTraces", (m) => Plotly.deleteTraces(gd, m.delete_inds));
    on("_py2js_addTraces", (m) => Plotly.addTraces(gd, m.trace_data));
    let frame = 0;
    const resized = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => gd.isConnected && Plotly.Plots.resize(gd));
    });
    resized.observe(el);
    return () => { resized.disconnect(); Plotly.purge(gd); };
  },
};
"""


class PlotlyLibrary(anywidget.AnyWidget):
    """plotly.js as plotly ships it, sent to a page that asks (one that has no ``window.Plotly``), once per kernel.

    It draws nothing itself: a :class:`PlotlyView` that finds no plotly.js on its page
    asks it for ``_source`` and loads that once.

    >>> library = PlotlyLibrary()
    >>> library._source
    ''
    >>> library._give({"need": "plotly.js"})
    >>> "window.Plotly" in library._source
    True

    A page known to have no plotly.js of its own (app mode: no figure output comes before its
    explorer) gets it with the widgets' first state instead, one round trip sooner (:meth:`send`).
    """

    _esm = "export default {};"
    _source = t.Unicode().tag(sync=True)

    def __init__(self) -> None:
        """Empty until a view asks: most pages have plotly.js already."""
        super().__init__()
        self.on_msg(lambda _widget, content, _buffers: self._give(content))

    def send(self) -> None:
        """Put plotly.js in the page's state now, unasked (once: later calls change nothing)."""
        if not self._source:
            self._source = plotly_js().read_text(encoding="utf-8")

    def _give(self, content: Any) -> None:
        if content == {"need": "plotly.js"}:
            self.send()


_LIBRARY: PlotlyLibrary | None = None


def library() -> PlotlyLibrary:
    """The kernel's one :class:`PlotlyLibrary`, made again if it was closed (``Widget.close_all()``)."""
    global _LIBRARY
    if _LIBRARY is None or _LIBRARY.comm is None:
        _LIBRARY = PlotlyLibrary()
    return _LIBRARY


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

    _esm = VIEW
    _library = t.Instance(PlotlyLibrary).tag(sync=True, **widget_serialization)
    _widget_data: t.List[dict[str, Any]] = t.List().tag(sync=True, **_JSON)
    _widget_layout = t.Dict().tag(sync=True, **_JSON)
    _config = t.Dict().tag(sync=True)
    _py2js_update = t.Dict(allow_none=True).tag(sync=True, **_JSON)
    _py2js_addTraces = t.Dict(allow_none=True).tag(sync=True, **_JSON)
    _py2js_deleteTraces = t.Dict(allow_none=True).tag(sync=True)

    def __init__(self, fig: Any) -> None:
        """Show ``fig`` (a ``go.Figure``) as it stands now."""
        state = fig.to_plotly_json()
        super().__init__(_library=library(), _widget_data=state["data"], _widget_layout=state["layout"])
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
