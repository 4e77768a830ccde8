"""The audience builder: who follows an educational account, what they need, and what a post serves."""

from __future__ import annotations

import html

import ipywidgets as w

from medsome.audience import COURSE, POST_KINDS, SEGMENTS, SERVES, Audience, build_audience
from medsome.widgets.layout import live, panel

# An invented starting mix, after the groups Koljonen names (the shares are the course's own).
STARTING_MIX = {"students": 30, "residents": 30, "nurses": 15, "specialists": 10, "lay_people": 15}


class AudienceBuilder:
    """Set each group's share of the followers and the planned post; read needs, fit and cautions."""

    def __init__(self, mix: dict[str, int] | None = None) -> None:
        start = build_audience(mix or STARTING_MIX)  # validates a mix given by the caller
        self.sliders = {
            s.key: w.IntSlider(value=round(100 * start.shares[s.key]), min=0, max=100,
                               description=f"{s.label} (relative share):")
            for s in SEGMENTS
        }
        self.post = w.Dropdown(options=[(words, kind) for kind, words in POST_KINDS.items()],
                               description="Planned post:")
        self.result = live()
        self.widget = panel([*self.sliders.values(), self.post, self.result])
        for control in [*self.sliders.values(), self.post]:
            control.observe(lambda _: self.refresh(), names="value")
        self.refresh()

    @property
    def audience(self) -> Audience | None:
        """The audience the sliders describe, or None while every slider is at 0."""
        values = {key: slider.value for key, slider in self.sliders.items()}
        return build_audience(values) if any(values.values()) else None

    def _groups_html(self, audience: Audience) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(s.label)}</td><td>{share:.0%}</td><td>{html.escape(s.need)}</td>"
            f"<td><i>{html.escape(s.source)}</i></td></tr>" for s, share in audience.segments())
        return ("<table><thead><tr><th>Group</th><th>Share of followers</th><th>What they need</th>"
                f"<th>Source</th></tr></thead><tbody>{rows}</tbody></table>")

    def _fit_html(self, audience: Audience) -> str:
        kind = self.post.value
        served = [s.label.lower() for s, _ in audience.segments() if s.key in SERVES[kind]]
        missed = [s.label.lower() for s, _ in audience.segments() if s.key not in SERVES[kind]]
        who = ", ".join(served) or "none of your current groups"
        rest = f" It serves less well: {', '.join(missed)}." if missed else ""
        return (f"<p><b>This post serves {audience.served_by(kind):.0%} of your followers well</b>: "
                f"{html.escape(who)}.{html.escape(rest)} <i>(Which post serves whom is {COURSE}.)</i></p>")

    def refresh(self) -> None:
        """Rescale the shares and redraw the groups, the post's fit and the cautions."""
        audience = self.audience
        if audience is None:
            self.result.value = "<p>Every share is 0: move at least one slider to describe the followers.</p>"
            return
        cautions = "".join(f"<li>{html.escape(c.text)} <i>({html.escape(c.source)})</i></li>"
                           for c in audience.cautions())
        self.result.value = (
            f"<p>The largest group: <b>{html.escape(audience.largest.label)}</b>. Shares are rescaled to "
            f"add up to 100%.</p>{self._groups_html(audience)}{self._fit_html(audience)}"
            f"<p><b>What this audience asks of you:</b></p><ul>{cautions}</ul>"
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)
