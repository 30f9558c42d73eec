"""Accessible names for sliders: ipywidgets labels a slider visually but not for assistive technology.

An ``IntSlider``'s handle (``role="slider"``) has no accessible name: its
description is a ``<label>`` with no ``for`` (a slider is not a form input), so a
screen reader announces "slider" alone. :class:`SliderNames` is an invisible
anywidget placed in an explorer; in the browser it gives every slider handle in
that explorer an ``aria-label`` equal to the slider's description. Text boxes,
dropdowns and checkboxes need nothing: ipywidgets ties their label to the input.
"""

from __future__ import annotations

import anywidget
import ipywidgets as w

__all__ = ["EXPLORER_CLASS", "SliderNames"]

#: The CSS class an explorer's outer box carries: the scope in which sliders are named.
EXPLORER_CLASS = "akskit-explorer"

_ESM = """
function nameSliders(root) {
  let named = 0;
  for (const slider of root.querySelectorAll('.widget-slider')) {
    const handle = slider.querySelector('.noUi-handle');
    const label = slider.querySelector('.widget-label');
    const text = label ? label.textContent.trim() : '';
    if (!handle || !text) continue;
    if (handle.getAttribute('aria-label') !== text) handle.setAttribute('aria-label', text);
    named += 1;
  }
  return named;
}
export default {
  render({ el }) {
    let observer = null;
    let tries = 0;
    const attach = () => {
      const root = el.closest('.__EXPLORER__');
      if (!root) {  // not in the page yet: the explorer's box inserts its children after rendering them
        if (tries++ < 600) requestAnimationFrame(attach);
        return;
      }
      if (nameSliders(root) >= __COUNT__) return;
      observer = new MutationObserver(() => {
        if (nameSliders(root) >= __COUNT__) observer.disconnect();
      });
      observer.observe(root, { childList: true, subtree: true });
    };
    attach();
    return () => observer && observer.disconnect();
  },
};
""".replace("__EXPLORER__", EXPLORER_CLASS)


class SliderNames(anywidget.AnyWidget):
    """Names the slider handles of the explorer it sits in (``count`` of them) for screen readers.

    The script watches the explorer until it has named ``count`` handles (they render
    one by one), then stops watching.

    >>> names = SliderNames(count=2)
    >>> names.layout.display, "nameSliders(root) >= 2" in names._esm
    ('none', True)
    """

    def __init__(self, count: int) -> None:
        super().__init__(_esm=_ESM.replace("__COUNT__", str(int(count))), layout=w.Layout(display="none"))
