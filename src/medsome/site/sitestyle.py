"""The website's own stylesheet: widget snapshots that look like the widgets, light tables, scrolling.

Colours come from the theme's variables (Furo), so the light and dark themes both keep their
contrast; a disabled control keeps the text colour of an enabled one, so a snapshot reads clearly.
"""

CSS = """
.medsome-widget-snapshot { border: 1px solid var(--color-background-border); border-radius: 6px;
  padding: 0.75em 1em; margin: 1em 0; overflow-x: auto; background: var(--color-background-primary); }
.medsome-widget-snapshot:focus { outline: 2px solid var(--color-brand-primary); outline-offset: 2px; }
.medsome-widget-caption { font-size: 0.85em; font-weight: 600; margin: 0 0 0.5em;
  color: var(--color-foreground-secondary); text-transform: uppercase; letter-spacing: 0.04em; }
.medsome-widget-face { display: flex; flex-direction: column; gap: 0.4em; }
.medsome-widget-note { border-top: 1px solid var(--color-background-border); padding-top: 0.5em;
  margin: 0.75em 0 0; font-size: 0.9em; }
.medsome-column { display: flex; flex-direction: column; gap: 0.4em; }
.medsome-row { display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; align-items: center; }
.medsome-field { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25em 0.6em; margin: 0; }
.medsome-label { width: 13em; max-width: 100%; }
.medsome-value { font-variant-numeric: tabular-nums; min-width: 2.5em; }
.medsome-widget-face select, .medsome-widget-face input[type=text], .medsome-widget-face input[type=number],
.medsome-widget-face textarea { font: inherit; color: var(--color-foreground-primary); opacity: 1;
  background: var(--color-background-primary); border: 1px solid #767676; border-radius: 3px;
  padding: 0.15em 0.4em; min-width: 10em; max-width: 100%; box-sizing: border-box; }
.medsome-widget-face textarea { width: 100%; flex: 1 1 20em; }
.medsome-widget-face input[type=range] { flex: 1 1 12em; min-width: 8em; max-width: 26em; opacity: 1;
  accent-color: var(--color-brand-primary); }
.medsome-check { display: flex; align-items: center; gap: 0.5em; }
.medsome-check input, .medsome-radio input { opacity: 1; accent-color: var(--color-brand-primary); }
.medsome-group { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; }
.medsome-group legend { padding: 0; margin-bottom: 0.2em; width: 100%; }
.medsome-radio { display: flex; align-items: center; gap: 0.35em; }
.medsome-button { font: inherit; color: var(--color-foreground-primary); opacity: 1; align-self: flex-start;
  background: var(--color-background-secondary); border: 1px solid #767676; border-radius: 3px;
  padding: 0.2em 0.9em; }
.medsome-button[aria-pressed=true] { background: var(--color-background-border); font-weight: 600; }
.medsome-widget-face table, .cell_output table.dataframe { border-collapse: collapse; border: none;
  font-size: 0.9em; margin: 0.25em 0; }
.medsome-widget-face th, .medsome-widget-face td, .cell_output table.dataframe th,
.cell_output table.dataframe td { border: none; border-bottom: 1px solid var(--color-background-border);
  padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
.cell_output table.dataframe thead th, .medsome-widget-face thead th {
  border-bottom: 2px solid var(--color-foreground-muted); }
.cell_output table.dataframe tbody tr:nth-child(even) { background: var(--color-background-secondary); }
.cell_output table.dataframe tbody th { font-weight: 600; }
.medsome-table-scroll { max-height: 36em; overflow: auto; margin: 0.5em 0; }
.medsome-table-scroll:focus { outline: 2px solid var(--color-brand-primary); outline-offset: 2px; }
.medsome-table-scroll thead th { position: sticky; top: 0; background: var(--color-background-primary); }
.admonition.medsome-open pre { margin: 0.5em 0; }
.announcement { height: auto; min-height: var(--header-height); }
.announcement-content { white-space: normal; }
"""
