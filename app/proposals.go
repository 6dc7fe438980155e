// The Proposte section: every table's proposals, filtered, with the chosen one beside the list.

package app

import (
	"bytes"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvexport"
	"github.com/tavoli/tavoli/data/italian"
)

// proposalsScreen is the Ufficio di Piano's view of the proposals of every table: the filters and the
// list on the left, and beside it the proposal chosen, with where it came from, what became of it, the
// votes it took part in, its history and the steps it may take next. Rows can be marked to be merged.
type proposalsScreen struct {
	ui    *UI
	table *recordTable
	items []data.ProposalView
	seq   int         // the latest query; older answers are dropped
	shown int         // the query whose answer the list shows
	want  string      // a proposal to select once the list is loaded
	pause *time.Timer // the wait after a keystroke in the filter

	area, kind, state, body, comune, cost, order *widget.Select
	session                                      string // the session filter, chosen from a proposal's detail
	sessionBar                                   *fyne.Container
	sessionLabel                                 *widget.Label

	areas    []data.Area
	bodies   []data.Body
	comuni   []data.Comune
	sessions map[string]data.SessionView
	people   []data.PersonView
	orgs     []data.OrganisationView
	titles   map[string]string // proposals' titles by id, for "accorpata in «…»"

	marked      []data.ProposalView // marked to be merged, in the order they were marked
	markedLabel *widget.Label
	mergeBtn    *widget.Button
	clearBtn    *widget.Button

	detail  *proposalDetail
	saveAs  func(name, ext string, b []byte) // asks where to save a file; tests write it directly
	content fyne.CanvasObject
}

// proposalSorts are the orders the list offers, with their labels.
var proposalSorts = []struct {
	sort data.ProposalSort
	key  string
}{
	{data.SortRecent, "proposals.sort.recent"},
	{data.SortTitle, "proposals.sort.title"},
	{data.SortArea, "proposals.sort.area"},
	{data.SortState, "proposals.sort.state"},
	{data.SortPriority, "proposals.sort.priority"},
}

// proposalColumns are the list's columns: the mark, then translation keys of the titles. The weights
// are the widths in pixels at the default window, where the list takes some 730: the title takes what
// the short columns leave, and these fit what they show ("in valutazione", "14/05/2027"). The table a
// proposal came from is not a column: for a Tavolo tematico it would repeat the area; the detail says
// it, and the filter chooses by it.
var (
	proposalColumns = []string{"proposals.col.mark", "field.title", "field.area", "field.kind", "col.status",
		"col.date", "col.position"}
	proposalWeights = []float32{36, 264, 112, 78, 112, 94, 34}
)

func newProposalsScreen(ui *UI) *proposalsScreen {
	s := &proposalsScreen{ui: ui, titles: map[string]string{}, sessions: map[string]data.SessionView{}}
	s.saveAs = ui.saveBytes
	s.table = newRecordTable(proposalColumns, proposalWeights, func() int { return len(s.items) },
		func(row, col int) string { return s.cell(row, col) })
	s.markRows()
	s.table.flush = s.flush
	f := s.table.filter
	f.SetPlaceHolder(lang.L("proposals.filter"))
	f.OnChanged = func(string) { s.ui.afterPause(&s.pause, s.query) }
	f.OnSubmitted = func(string) { s.detail.form.focus() }
	f.onKey[fyne.KeyInsert] = s.markSelected
	s.table.onSelect = func(row int) {
		if row < len(s.items) {
			s.detail.load(s.items[row].ID)
		}
	}

	all := func(key string, labels ...string) []string { return append([]string{lang.L(key)}, labels...) }
	var kinds, states, costs, sorts []string
	for _, k := range data.ProposalKinds {
		kinds = append(kinds, lang.L("pkind."+string(k)))
	}
	for _, st := range data.ProposalStates {
		states = append(states, lang.L("pstate."+string(st)))
	}
	for _, c := range costBands[1:] {
		costs = append(costs, lang.L("cost."+string(c)))
	}
	for _, o := range proposalSorts {
		sorts = append(sorts, lang.L(o.key))
	}
	s.area = newSelect(all("proposals.all_areas"), nil)
	s.kind = newSelect(all("proposals.all_kinds", kinds...), nil)
	s.state = newSelect(all("proposals.all_states", states...), nil)
	s.body = newSelect(all("proposals.all_tables"), nil)
	s.comune = newSelect(all("proposals.all_comuni"), nil)
	s.cost = newSelect(all("proposals.all_costs", costs...), nil)
	s.order = newSelect(sorts, nil)
	for _, sel := range []*widget.Select{s.area, s.kind, s.state, s.body, s.comune, s.cost, s.order} {
		sel.SetSelectedIndex(0)
		sel.OnChanged = func(string) { s.query() }
	}

	s.sessionLabel = widget.NewLabel("")
	s.sessionLabel.Truncation = fyne.TextTruncateEllipsis
	s.sessionBar = container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon(lang.L("proposals.all_sessions"), theme.CancelIcon(), func() { s.filterSession("") }),
		s.sessionLabel)
	s.sessionBar.Hide()

	s.markedLabel = widget.NewLabel("")
	s.mergeBtn = widget.NewButtonWithIcon(lang.L("proposals.merge"), theme.ContentAddIcon(), s.askMerge)
	s.clearBtn = widget.NewButtonWithIcon(lang.L("proposals.unmark_all"), theme.ContentClearIcon(), s.unmarkAll)
	s.showMarks()

	newBtn := widget.NewButtonWithIcon(lang.L("proposals.new"), theme.ContentAddIcon(), s.newItem)
	csvBtn := widget.NewButtonWithIcon(lang.L("proposals.export_csv"), theme.DocumentSaveIcon(), s.exportCSV)
	filters := container.NewGridWithColumns(4, s.area, s.kind, s.state, s.body, s.comune, s.cost, s.order)
	tools := container.NewBorder(nil, nil, container.NewHBox(newBtn, csvBtn), nil)
	marks := container.NewHBox(s.markedLabel, s.mergeBtn, s.clearBtn)
	hint := widget.NewLabel(lang.L("proposals.keys"))
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	left := container.NewBorder(container.NewVBox(tools, filters, s.sessionBar), container.NewVBox(marks, hint), nil, nil,
		s.table.content)

	s.detail = newProposalDetail(s)
	split := container.NewHSplit(left, s.detail.content)
	split.Offset = 0.68 // the list's columns readable at the default window; the detail wraps its buttons
	s.content = split
	return s
}

// markRows gives every row a check box in front: checked rows are the ones Accorpa merges.
func (s *proposalsScreen) markRows() {
	l := s.table.list
	l.CreateItem = func() fyne.CanvasObject {
		cells := []fyne.CanvasObject{widget.NewCheck("", nil)}
		for range proposalColumns[1:] {
			label := widget.NewLabel("")
			label.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, label)
		}
		return container.New(&columnsLayout{proposalWeights}, cells...)
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		cells := o.(*fyne.Container).Objects
		check := cells[0].(*widget.Check)
		check.OnChanged = nil // setting the box is not the user's change
		check.SetChecked(id < len(s.items) && s.isMarked(s.items[id].ID))
		check.OnChanged = func(on bool) {
			if id < len(s.items) && on != s.isMarked(s.items[id].ID) {
				s.toggleMark(id)
			}
		}
		for i, c := range cells[1:] {
			c.(*widget.Label).SetText(s.cell(id, i+1))
		}
	}
}

// cell is what the list shows in a column of a row.
func (s *proposalsScreen) cell(row, col int) string {
	if row >= len(s.items) {
		return ""
	}
	p := s.items[row]
	switch col {
	case 1:
		return p.Title
	case 2:
		return p.AreaName
	case 3:
		return lang.L("pkind_short." + string(p.Kind))
	case 4:
		return s.stateText(p.Proposal)
	case 5:
		return italian.Date(p.SessionDate)
	case 6:
		if p.Priority > 0 && p.State != data.StateAccorpata {
			return italian.Int(p.Priority)
		}
	}
	return ""
}

// stateText is a proposal's state in words; a merged one says where it went.
func (s *proposalsScreen) stateText(p data.Proposal) string {
	if p.State == data.StateAccorpata && p.MergedIntoID != "" {
		return lang.L("proposals.merged_into", map[string]any{"title": s.title(p.MergedIntoID)})
	}
	return lang.L("pstate." + string(p.State))
}

// title is a proposal's title, or a word saying it is gone.
func (s *proposalsScreen) title(id string) string {
	if t, ok := s.titles[id]; ok {
		return t
	}
	return lang.L("proposals.gone")
}

// filter is what the filter bar asks for, read on the UI goroutine.
func (s *proposalsScreen) filter() data.ProposalFilter {
	f := data.ProposalFilter{Query: s.table.filter.Text, SessionID: s.session}
	if i := s.area.SelectedIndex(); i > 0 && i-1 < len(s.areas) {
		f.AreaID = s.areas[i-1].ID
	}
	if i := s.kind.SelectedIndex(); i > 0 {
		f.Kind = data.ProposalKinds[i-1]
	}
	if i := s.state.SelectedIndex(); i > 0 {
		f.State = data.ProposalStates[i-1]
	}
	if i := s.body.SelectedIndex(); i > 0 && i-1 < len(s.bodies) {
		f.BodyID = s.bodies[i-1].ID
	}
	if i := s.comune.SelectedIndex(); i > 0 && i-1 < len(s.comuni) {
		f.ComuneID = s.comuni[i-1].ID
	}
	if i := s.cost.SelectedIndex(); i > 0 {
		f.Cost = costBands[i]
	}
	if i := s.order.SelectedIndex(); i > 0 {
		f.Sort = proposalSorts[i].sort
	}
	return f
}

// refresh reloads the filters' choices, then the list: when the section is shown and after a change.
func (s *proposalsScreen) refresh() {
	if s.ui.store == nil {
		return
	}
	ctx, st := s.ui.ctx, s.ui.store
	var areas []data.Area
	var bodies []data.Body
	var comuni []data.Comune
	var sessions []data.SessionView
	var people []data.PersonView
	var orgs []data.OrganisationView
	var err error
	s.ui.run(func() {
		if areas, err = st.Areas(ctx); err != nil {
			return
		}
		if bodies, err = st.Bodies(ctx); err != nil {
			return
		}
		if comuni, err = st.Comuni(ctx); err != nil {
			return
		}
		if sessions, err = st.Sessions(ctx, data.SessionFilter{}); err != nil {
			return
		}
		if people, err = st.People(ctx, data.PeopleFilter{}); err != nil {
			return
		}
		orgs, err = st.Organisations(ctx, "")
	}, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.setChoices(areas, bodies, comuni, sessions, people, orgs)
		// What happened elsewhere (a vote, a session approved) shows in the proposal read again.
		if id := s.detail.shownID(); id != "" && s.want == "" {
			s.want = id
		}
		s.query()
	})
}

// setChoices fills the filters' lists, keeping what each had chosen.
func (s *proposalsScreen) setChoices(areas []data.Area, bodies []data.Body, comuni []data.Comune,
	sessions []data.SessionView, people []data.PersonView, orgs []data.OrganisationView) {
	areaID, bodyID, comuneID := s.pick(s.area, len(s.areas), func(i int) string { return s.areas[i].ID }),
		s.pick(s.body, len(s.bodies), func(i int) string { return s.bodies[i].ID }),
		s.pick(s.comune, len(s.comuni), func(i int) string { return s.comuni[i].ID })
	s.areas, s.bodies, s.comuni, s.people, s.orgs = areas, bodies, comuni, people, orgs
	s.sessions = map[string]data.SessionView{}
	for _, v := range sessions {
		s.sessions[v.ID] = v
	}
	refill(s.area, "proposals.all_areas", len(areas), func(i int) (string, string) { return areas[i].ID, areas[i].Name }, areaID)
	refill(s.body, "proposals.all_tables", len(bodies), func(i int) (string, string) { return bodies[i].ID, bodies[i].Name }, bodyID)
	refill(s.comune, "proposals.all_comuni", len(comuni), func(i int) (string, string) { return comuni[i].ID, comuni[i].Name }, comuneID)
	s.detail.form.setChoices(areas, comuni, people, orgs)
}

// pick is the id chosen in a filter of n records ("" for all).
func (s *proposalsScreen) pick(sel *widget.Select, n int, id func(int) string) string {
	if i := sel.SelectedIndex(); i > 0 && i-1 < n {
		return id(i - 1)
	}
	return ""
}

// refill replaces a filter's records, choosing again the one with id (or all), without querying.
func refill(sel *widget.Select, allKey string, n int, rec func(int) (id, name string), id string) {
	keep := sel.OnChanged
	sel.OnChanged = nil
	defer func() { sel.OnChanged = keep }()
	options := []string{lang.L(allKey)}
	chosen := 0
	for i := 0; i < n; i++ {
		rid, name := rec(i)
		options = append(options, name)
		if rid == id && id != "" {
			chosen = i + 1
		}
	}
	sel.SetOptions(options)
	sel.SetSelectedIndex(chosen)
}

// query asks the store for the list as the filters say, and shows it.
func (s *proposalsScreen) query() { s.queryWith(s.ui.run) }

// flush brings the list up to date with the filters now, on the UI goroutine, when a query waits for
// the pause in typing or its answer has not arrived, so that the keys acting on the rows (↑↓, Enter, Ins)
// act on the rows of what was typed.
func (s *proposalsScreen) flush() {
	if s.pause == nil && s.shown == s.seq {
		return
	}
	if s.pause != nil {
		s.pause.Stop()
		s.pause = nil
	}
	s.queryWith(SyncRunner)
}

// queryWith asks the store for the list through run; an answer overtaken by a later query is dropped.
func (s *proposalsScreen) queryWith(run Runner) {
	if s.ui.store == nil {
		return
	}
	st := s.ui.store
	var err error
	s.seq++
	seq := s.seq
	f := s.filter()
	ctx := s.ui.ctx
	var list, all []data.ProposalView
	run(func() {
		if list, err = st.Proposals(ctx, f); err != nil {
			return
		}
		for _, p := range list {
			if p.MergedIntoID != "" { // the proposal it went into may be filtered out: read every title
				all, err = st.Proposals(ctx, data.ProposalFilter{})
				return
			}
		}
	}, func() {
		if seq != s.seq {
			return
		}
		s.shown = seq
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.items = list
		s.learnTitles(list)
		s.learnTitles(all)
		s.reselect()
	})
}

// learnTitles remembers the proposals' titles.
func (s *proposalsScreen) learnTitles(list []data.ProposalView) {
	for _, p := range list {
		s.titles[p.ID] = p.Title
	}
}

// reselect redraws the list and selects the proposal the detail shows (or the one asked for), when the
// filters still show it.
func (s *proposalsScreen) reselect() {
	t := s.table
	t.sel = -1
	t.list.UnselectAll()
	t.reload()
	t.count.SetText(lang.N("proposals.count", len(s.items), map[string]any{"n": italian.Int(len(s.items))}))
	id := s.detail.shownID()
	want := s.want
	s.want = ""
	for i, p := range s.items {
		switch p.ID {
		case want:
			t.list.Select(i) // shows it in the detail
			t.list.ScrollTo(i)
			return
		case id:
			if want != "" {
				continue
			}
			t.sel = i
			// Selecting would reload the detail being read or typed in: select quietly.
			keep := t.onSelect
			t.onSelect = nil
			t.list.Select(i)
			t.onSelect = keep
			t.list.ScrollTo(i)
			return
		}
	}
	if want != "" {
		s.detail.load(want) // filtered out: shown beside the list all the same
	}
}

// open shows the proposal with this id in the detail, selected in the list when the filters show it.
func (s *proposalsScreen) open(id string) {
	s.want = id
	s.query()
}

// update redraws the row of a proposal the detail just saved.
func (s *proposalsScreen) update(v data.ProposalView) {
	s.titles[v.ID] = v.Title
	for i := range s.items {
		if s.items[i].ID == v.ID {
			s.items[i] = v
			s.table.list.RefreshItem(i)
		}
	}
}

// filterSession lists only the proposals of a session ("" for every session).
func (s *proposalsScreen) filterSession(id string) {
	s.session = id
	if v, ok := s.sessions[id]; ok && id != "" {
		s.sessionLabel.SetText(lang.L("proposals.only_session", map[string]any{"body": v.BodyName, "date": i18n.OfDay(v.Date)}))
		s.sessionBar.Show()
	} else {
		s.session = ""
		s.sessionBar.Hide()
	}
	s.query()
}

// isMarked reports whether the proposal with this id is marked to be merged.
func (s *proposalsScreen) isMarked(id string) bool {
	for _, p := range s.marked {
		if p.ID == id {
			return true
		}
	}
	return false
}

// toggleMark marks or unmarks a row to be merged.
func (s *proposalsScreen) toggleMark(row int) {
	if row < 0 || row >= len(s.items) {
		return
	}
	p := s.items[row]
	if s.isMarked(p.ID) {
		for i, m := range s.marked {
			if m.ID == p.ID {
				s.marked = append(s.marked[:i], s.marked[i+1:]...)
				break
			}
		}
	} else {
		s.marked = append(s.marked, p)
	}
	s.table.list.RefreshItem(row)
	s.showMarks()
}

// markSelected marks or unmarks the selected row (Ins). The selection stays: the row below may be
// anything, and the detail keeps showing the proposal just marked.
func (s *proposalsScreen) markSelected() {
	s.flush()
	if s.table.sel < 0 {
		s.table.step(1)
	}
	s.toggleMark(s.table.sel)
}

// unmarkAll takes every mark away.
func (s *proposalsScreen) unmarkAll() {
	s.marked = nil
	s.table.list.Refresh()
	s.showMarks()
}

// showMarks says how many rows are marked; Accorpa needs two.
func (s *proposalsScreen) showMarks() {
	n := len(s.marked)
	s.markedLabel.SetText(lang.N("proposals.marked", n, map[string]any{"n": n}))
	if n >= 2 {
		s.mergeBtn.Enable()
	} else {
		s.mergeBtn.Disable()
	}
	if n > 0 {
		s.clearBtn.Enable()
	} else {
		s.clearBtn.Disable()
	}
}

// focusFilter puts the cursor in the filter box.
func (s *proposalsScreen) focusFilter() { s.ui.win.Canvas().Focus(s.table.filter) }

// newItem starts a proposal of the office, made outside any session.
func (s *proposalsScreen) newItem() {
	s.table.list.UnselectAll()
	s.detail.fresh()
}

// deleteItem asks to delete the proposal shown; a part split off is taken back this way.
func (s *proposalsScreen) deleteItem() { s.detail.deleteShown() }

// csv is the list as shown, as a spreadsheet file.
func (s *proposalsScreen) csv() ([]byte, error) {
	var b bytes.Buffer
	if err := csvexport.Proposals(&b, s.items); err != nil {
		return nil, data.Errorf(data.EInternal, "err.proposals.csv").Wrap(err)
	}
	return b.Bytes(), nil
}

// exportCSV asks where to save the list as it is filtered and sorted now.
func (s *proposalsScreen) exportCSV() {
	b, err := s.csv()
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.saveAs("proposte.csv", ".csv", b)
}
