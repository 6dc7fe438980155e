// The versions the merges set aside, to restore one or keep what stands.

package app

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// conflictsPanel lists the versions the merges set aside (a change that lost to a later one made
// elsewhere, or one refused because the verbale is approved) and lets a person restore one or keep
// the current version. Beside the list, the chosen version and the current one side by side.
type conflictsPanel struct {
	s       *exchangeScreen
	content fyne.CanvasObject

	all   *widget.Check
	pane  *listPane[data.RecordVersion]
	names map[string]string // the names of the records versions refer to, by id
	open  int               // how many versions wait for a review
	// nextRow is the row whose version is shown after a decision took the one shown off the list; -1
	// when no decision was made.
	nextRow int

	shown   data.RecordVersion
	title   *widget.Label
	about   *widget.Label
	who     *fyne.Container
	diff    *fyne.Container
	restore *widget.Button
	dismiss *widget.Button
	errs    *errorLine
}

// hiddenColumns are the columns every record has, or that the store derives from the others: a
// version is compared on what a person wrote.
var hiddenColumns = map[string]bool{"id": true, "created": true, "updated": true, "device": true,
	"search": true, "match_key": true, "sort_key": true}

// fieldKeys are the Italian names of the columns most versions differ in; other columns are shown by
// their own name.
var fieldKeys = map[string]string{
	"name": "exchange.field.name", "surname": "exchange.field.surname", "title": "exchange.field.title",
	"text": "exchange.field.text", "phone": "exchange.field.phone", "email": "exchange.field.email",
	"notes": "exchange.field.notes", "deleted": "exchange.field.deleted", "status": "exchange.field.status",
	"state": "exchange.field.state", "date": "exchange.field.date", "place": "exchange.field.place",
	"category": "exchange.field.category", "comune_id": "exchange.field.comune", "comune_text": "exchange.field.comune_text",
	"organisation_id": "exchange.field.organisation", "area_id": "exchange.field.area", "body_id": "exchange.field.body",
	"person_id": "exchange.field.person", "session_id": "exchange.field.session", "kind": "exchange.field.kind",
	"label": "exchange.field.label", "position": "exchange.field.position", "description": "exchange.field.description",
	"population": "exchange.field.population", "role": "exchange.field.role", "subject": "exchange.field.subject",
	"method": "exchange.field.method", "presence": "exchange.field.presence", "what": "exchange.field.what",
	"who": "exchange.field.who", "due": "exchange.field.due", "done": "exchange.field.done",
	"target_group": "exchange.field.target_group", "cost": "exchange.field.cost", "duration": "exchange.field.duration",
	"proposer_id": "exchange.field.proposer", "address": "exchange.field.address", "short_name": "exchange.field.short_name",
	"region": "exchange.field.region", "started": "exchange.field.started", "ended": "exchange.field.ended",
	"arrived": "exchange.field.arrived", "left_at": "exchange.field.left_at", "action": "exchange.field.action",
	"reason": "exchange.field.reason", "gender": "exchange.field.gender", "delegation_act": "exchange.field.delegation_act",
	"publish_initials": "exchange.field.publish_initials",
}

func newConflictsPanel(s *exchangeScreen) *conflictsPanel {
	p := &conflictsPanel{s: s, nextRow: -1, errs: newErrorLine(), title: heading(lang.L("exchange.conflicts.none")),
		who: container.NewVBox(), diff: container.NewVBox()}
	ui := s.ui
	p.about = widget.NewLabel(lang.L("exchange.conflicts.intro"))
	p.about.Wrapping = fyne.TextWrapWord
	p.pane = newListPane(ui, []string{"col.kind", "exchange.col.record", "exchange.col.reason",
		"col.date", "exchange.col.review"}, []float32{1.6, 3, 2, 2.9, 2.5},
		func(v data.RecordVersion, col int) string {
			switch col {
			case 0:
				return i18n.KindName(v.Kind)
			case 1:
				return p.label(v)
			case 2:
				return i18n.VersionReason(v.Reason)
			case 3:
				return italian.DateTime(v.Created)
			}
			return i18n.VersionResolution(v)
		})
	p.pane.id = func(v data.RecordVersion) string { return v.ID }
	p.pane.current = func() string { return p.shown.ID }
	p.pane.onSelect = p.show
	p.pane.extra = func() string {
		if p.all.Checked {
			return "all"
		}
		return ""
	}
	p.pane.load = func(filter, extra string) ([]data.RecordVersion, func(), error) {
		st, ctx := ui.store, ui.ctx
		versions, err := st.Versions(ctx, extra == "all")
		if err != nil {
			return nil, nil, err
		}
		devices, err := st.Devices(ctx)
		if err != nil {
			return nil, nil, err
		}
		names, err := recordNames(ctx, st)
		if err != nil {
			return nil, nil, err
		}
		open := 0
		for _, v := range versions {
			if toReview(v) {
				open++
			}
		}
		versions = filterText(versions, filter, func(v data.RecordVersion) string {
			return strings.Join([]string{i18n.KindName(v.Kind), v.Label, i18n.VersionReason(v.Reason), i18n.VersionResolution(v)}, " ")
		})
		return versions, func() { p.loaded(versions, open, devices, names) }, nil
	}
	p.all = widget.NewCheck(lang.L("exchange.conflicts.all"), func(bool) { p.pane.refresh() })
	p.pane.table.filter.OnSubmitted = func(string) {
		if !p.restore.Disabled() {
			ui.win.Canvas().Focus(p.restore)
		}
	}
	p.restore = widget.NewButtonWithIcon(lang.L("exchange.conflicts.restore"), theme.ContentUndoIcon(), p.restoreShown)
	p.restore.Importance = widget.WarningImportance
	p.dismiss = widget.NewButtonWithIcon(lang.L("exchange.conflicts.dismiss"), theme.ConfirmIcon(), p.dismissShown)
	p.dismiss.Importance = widget.HighImportance
	setEnabled(false, p.restore, p.dismiss)
	list := container.NewBorder(p.all, nil, nil, nil, p.pane.table.content)
	side := container.NewVBox(p.title, p.about, p.who, p.diff, p.errs.box,
		container.New(&flowLayout{}, p.dismiss, p.restore))
	split := container.NewHSplit(list, container.NewVScroll(container.NewPadded(side)))
	split.Offset = 0.55
	p.content = split
	return p
}

// toReview reports whether a version still waits for a person's decision.
func toReview(v data.RecordVersion) bool {
	return v.Resolution.ToReview() && v.Reason != data.VersionReplaced
}

// loaded takes what came with the list: how many wait, the computers' names and the records' names.
// The version shown is shown again as it is now; when it left the list (reviewed, with the reviewed
// ones hidden), the one that took its place is shown, so that the keyboard can go on through the list.
func (p *conflictsPanel) loaded(items []data.RecordVersion, open int, devices map[string]data.Device, names map[string]string) {
	p.open = open
	p.s.ui.devices = devices
	p.names = names
	title := lang.L("exchange.tab.conflicts")
	if open > 0 {
		title = lang.L("exchange.tab.conflicts_n", map[string]any{"n": italian.Int(open)})
	}
	if p.s.confTab.Text != title {
		p.s.confTab.Text = title
		p.s.tabs.Refresh()
	}
	next := p.nextRow
	p.nextRow = -1
	if p.shown.ID == "" {
		return
	}
	for _, v := range items {
		if v.ID == p.shown.ID {
			p.show(v)
			return
		}
	}
	if next >= 0 && len(items) > 0 {
		p.show(items[min(next, len(items)-1)])
		return
	}
	p.clear()
}

// clear shows no version.
func (p *conflictsPanel) clear() {
	p.shown = data.RecordVersion{}
	p.title.SetText(lang.L("exchange.conflicts.none"))
	p.about.SetText(lang.L("exchange.conflicts.intro"))
	p.who.Objects = nil
	p.who.Refresh()
	p.diff.Objects = nil
	p.diff.Refresh()
	setEnabled(false, p.restore, p.dismiss)
}

// recordNames reads the names of the records a version may refer to: comuni, areas, bodies,
// organisations and people.
func recordNames(ctx context.Context, st Store) (map[string]string, error) {
	names := map[string]string{}
	comuni, err := st.Comuni(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range comuni {
		names[c.ID] = c.Name
	}
	areas, err := st.Areas(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range areas {
		names[a.ID] = a.Name
	}
	bodies, err := st.Bodies(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range bodies {
		names[b.ID] = b.Name
	}
	orgs, err := st.Organisations(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	people, err := st.People(ctx, data.PeopleFilter{})
	if err != nil {
		return nil, err
	}
	for _, pv := range people {
		names[pv.ID] = pv.FullName()
	}
	return names, nil
}

// label names the record a version belongs to: its title or name, else the person, organisation,
// comune or body it is about (an attendance, a seat), else the start of its id.
func (p *conflictsPanel) label(v data.RecordVersion) string {
	if v.Label != "" {
		return v.Label
	}
	for _, k := range []string{"person_id", "organisation_id", "comune_id", "body_id"} {
		for _, row := range []map[string]any{v.Row, v.Current} {
			if id, ok := row[k].(string); ok && p.names[id] != "" {
				return p.names[id]
			}
		}
	}
	return lang.L("exchange.conflicts.code", map[string]any{"id": shortID(v.RecordID)})
}

// show puts a version beside the list: why it was set aside, who made it and when against the
// current version, and the fields in which they differ.
func (p *conflictsPanel) show(v data.RecordVersion) {
	ui := p.s.ui
	p.shown = v
	p.errs.set("")
	p.title.SetText(i18n.KindName(v.Kind) + ": " + p.label(v))
	key := "exchange.conflicts.about_conflict"
	switch v.Reason {
	case data.VersionLocked:
		key = "exchange.conflicts.about_locked"
	case data.VersionReplaced:
		key = "exchange.conflicts.about_replaced"
	}
	about := lang.L(key, map[string]any{"date": italian.Day(v.Created), "time": italian.Clock(v.Created)})
	if !toReview(v) {
		about += " " + i18n.VersionResolution(v) + "."
	}
	if v.Resolution == data.VersionDisputed {
		about += " " + lang.L("exchange.conflicts.disputed")
	}
	if len(v.Cascade) > 0 {
		about += " " + lang.L("exchange.conflicts.cascade", map[string]any{"what": describeRefs(v.Cascade)})
	}
	p.about.SetText(about)

	aside := lang.L("exchange.conflicts.made", map[string]any{"who": ui.author(v.Device),
		"date": italian.Day(v.Updated), "time": italian.Clock(v.Updated)})
	current := lang.L("exchange.conflicts.missing")
	if v.Current != nil {
		current = lang.L("exchange.conflicts.made", map[string]any{"who": ui.author(v.CurrentDevice),
			"date": italian.Day(v.CurrentUpdated), "time": italian.Clock(v.CurrentUpdated)})
	}
	weights := []float32{1.3, 3, 3}
	cell := func(text string, bold bool, imp widget.Importance) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.TextStyle.Bold = bold
		l.Importance = imp
		return l
	}
	p.who.Objects = []fyne.CanvasObject{
		container.New(&columnsLayout{weights}, cell("", true, widget.MediumImportance),
			cell(lang.L("exchange.conflicts.aside"), true, widget.MediumImportance),
			cell(lang.L("exchange.conflicts.current"), true, widget.MediumImportance)),
		container.New(&columnsLayout{weights}, cell(lang.L("exchange.conflicts.by"), true, widget.MediumImportance),
			cell(aside, false, widget.MediumImportance), cell(current, false, widget.MediumImportance)),
		widget.NewSeparator(),
	}
	p.who.Refresh()

	p.diff.Objects = nil
	fields := p.differences(v)
	if len(fields) == 0 {
		p.diff.Add(cell(lang.L("exchange.conflicts.same"), false, widget.LowImportance))
	}
	for _, f := range fields {
		p.diff.Add(container.New(&columnsLayout{weights}, cell(fieldName(f.name), true, widget.MediumImportance),
			cell(f.aside, false, widget.WarningImportance), cell(f.current, false, widget.MediumImportance)))
	}
	p.diff.Refresh()
	setEnabled(v.Resolution != data.VersionRestored, p.restore)
	setEnabled(toReview(v), p.dismiss)
}

// field is one column in which a version differs from the current one, as shown.
type field struct{ name, aside, current string }

// differences lists the columns in which the version set aside differs from the current one (all its
// columns with a value when the record is gone), in the table's order where known.
func (p *conflictsPanel) differences(v data.RecordVersion) []field {
	keys := map[string]bool{}
	for k := range v.Row {
		keys[k] = true
	}
	for k := range v.Current {
		keys[k] = true
	}
	var names []string
	for k := range keys {
		if !hiddenColumns[k] && !strings.HasPrefix(k, "@") {
			names = append(names, k)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := fieldOrder(names[i]), fieldOrder(names[j])
		if a != b {
			return a < b
		}
		return names[i] < names[j]
	})
	var out []field
	for _, k := range names {
		a, c := p.value(k, v.Row[k]), p.value(k, v.Current[k])
		if v.Current == nil {
			c = ""
			if a == "—" {
				continue
			}
		} else if sameText(v.Row[k], v.Current[k]) {
			continue
		}
		out = append(out, field{k, a, c})
	}
	return out
}

// fieldOrder puts the naming columns first and the tombstone last.
func fieldOrder(k string) int {
	switch k {
	case "surname", "name", "title", "label", "subject":
		return 0
	case "deleted":
		return 2
	}
	return 1
}

// fieldName is a column's name as shown: its Italian name, or the column's own.
func fieldName(k string) string {
	if key, ok := fieldKeys[k]; ok {
		return lang.L(key)
	}
	return k
}

// canonical writes a column's value the same way whether it comes from a version (JSON: numbers as
// float64, bytes as base64) or from the table (int64, []byte), so that the two can be compared.
func canonical(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return base64.StdEncoding.EncodeToString(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// sameText reports whether two values of a column are the same.
func sameText(a, b any) bool { return canonical(a) == canonical(b) }

// value writes a column's value for a person: yes or no for the tombstone, the name of the record a
// reference points at, "—" for nothing.
func (p *conflictsPanel) value(k string, v any) string {
	if _, ok := v.([]byte); ok {
		return lang.L("exchange.conflicts.binary")
	}
	s := canonical(v)
	switch {
	case k == "deleted":
		if s == "1" {
			return lang.L("exchange.yes")
		}
		return lang.L("exchange.no")
	case s == "":
		return "—"
	case strings.HasSuffix(k, "_id"):
		if n, ok := p.names[s]; ok {
			return n
		}
		return lang.L("exchange.conflicts.code", map[string]any{"id": shortID(s)})
	case k == "pdf":
		return lang.L("exchange.conflicts.binary")
	}
	if f, ok := v.(float64); ok && f == math.Trunc(f) && k != "position" {
		return italian.Int(int(f))
	}
	if n, ok := v.(int64); ok && k != "position" {
		return italian.Int(int(n))
	}
	return s
}

// restoreShown makes the version shown the record's current one; the one it replaces is kept aside,
// among the versions already reviewed.
func (p *conflictsPanel) restoreShown() {
	v := p.shown
	if v.ID == "" {
		return
	}
	ui := p.s.ui
	var err error
	ui.run(func() { err = ui.store.RestoreVersion(ui.ctx, v.ID) }, func() {
		if err != nil {
			p.errs.set(i18n.Explain(err))
			return
		}
		ui.saved()
		ui.status.say(lang.L("exchange.conflicts.restored", map[string]any{"kind": i18n.KindName(v.Kind), "name": p.label(v),
			"who": ui.author(v.Device)}))
		p.next()
	})
}

// dismissShown keeps the current version: the one shown is marked as reviewed.
func (p *conflictsPanel) dismissShown() {
	v := p.shown
	if v.ID == "" {
		return
	}
	ui := p.s.ui
	var err error
	ui.run(func() { err = ui.store.DismissVersion(ui.ctx, v.ID) }, func() {
		if err != nil {
			p.errs.set(i18n.Explain(err))
			return
		}
		ui.saved()
		ui.status.say(lang.L("exchange.conflicts.dismissed", map[string]any{"kind": i18n.KindName(v.Kind), "name": p.label(v)}))
		p.next()
	})
}

// next reloads the list after a decision; the version in the decided one's row is shown next.
func (p *conflictsPanel) next() {
	p.nextRow = max(p.pane.table.sel, 0)
	p.pane.refresh()
}
