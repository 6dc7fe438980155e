// The search box at the top of the window: every kind of record, ignoring accents.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// searchScreen answers the search box at the top of the window ("cerca ovunque"): people,
// organisations, comuni, areas and bodies whose names contain every word typed, ignoring accents, and
// proposals whose titles do. Choosing a result opens it in its screen.
type searchScreen struct {
	ui      *UI
	results []searchResult
	list    *widget.List
	info    *widget.Label
	seq     int
	content fyne.CanvasObject
}

// searchResult is one match: what it is, its name, and how to open it.
type searchResult struct {
	kind data.Kind
	name string
	open func()
}

// searchLimit is how many people, organisations or proposals one search lists.
const searchLimit = 50

func newSearchScreen(ui *UI) *searchScreen {
	s := &searchScreen{ui: ui, info: widget.NewLabel("")}
	s.list = widget.NewList(func() int { return len(s.results) }, func() fyne.CanvasObject {
		return container.New(&columnsLayout{[]float32{2, 6}}, widget.NewLabel(""), widget.NewLabel(""))
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		c.Objects[0].(*widget.Label).SetText(lang.L("kindname." + string(s.results[id].kind)))
		c.Objects[1].(*widget.Label).SetText(s.results[id].name)
	})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.UnselectAll()
		if id < len(s.results) {
			s.results[id].open()
		}
	}
	s.content = container.NewBorder(container.NewVBox(heading(lang.L("nav.search")), s.info), nil, nil, nil, s.list)
	return s
}

// query searches everything for q.
func (s *searchScreen) query(q string) {
	s.seq++
	seq := s.seq
	ui := s.ui
	var people []data.PersonView
	var orgs []data.OrganisationView
	var comuni []data.Comune
	var areas []data.Area
	var bodies []data.Body
	var props []data.ProposalView
	var err error
	ui.run(func() {
		ctx, st := ui.ctx, ui.store
		if people, err = st.People(ctx, data.PeopleFilter{Query: q, Limit: searchLimit}); err != nil {
			return
		}
		if orgs, err = st.Organisations(ctx, q); err != nil {
			return
		}
		if comuni, err = st.Comuni(ctx); err != nil {
			return
		}
		if areas, err = st.Areas(ctx); err != nil {
			return
		}
		if bodies, err = st.Bodies(ctx); err != nil {
			return
		}
		props, err = st.Proposals(ctx, data.ProposalFilter{Query: q})
	}, func() {
		if seq != s.seq {
			return
		}
		if err != nil {
			ui.showError(err)
			return
		}
		terms := data.SearchTerms(q)
		var res []searchResult
		for _, b := range bodies {
			if matches(data.Fold(b.Name), terms) {
				b := b
				res = append(res, searchResult{data.KindBody, b.Name, func() { ui.openIn(3, func() { ui.terr.bodies.pane.show(b.ID) }) }})
			}
		}
		for _, c := range comuni {
			if matches(data.Fold(c.Name+" "+c.ISTAT), terms) {
				c := c
				res = append(res, searchResult{data.KindComune, c.Name, func() { ui.openIn(1, func() { ui.terr.comuni.pane.show(c.ID) }) }})
			}
		}
		for _, a := range areas {
			if matches(data.Fold(a.Name), terms) {
				a := a
				res = append(res, searchResult{data.KindArea, a.Name, func() { ui.openIn(2, func() { ui.terr.areas.pane.show(a.ID) }) }})
			}
		}
		for _, o := range orgs {
			if len(orgs) > searchLimit {
				break
			}
			o := o
			res = append(res, searchResult{data.KindOrganisation, o.Name, func() { ui.openOrganisation(o) }})
		}
		for _, p := range people {
			p := p
			name := p.FullName()
			if p.OrganisationName != "" {
				name += " · " + p.OrganisationName
			}
			res = append(res, searchResult{data.KindPerson, name, func() { ui.openPerson(p) }})
		}
		// The store finds the words anywhere in a proposal (text, proposers): the results name things,
		// so only the proposals whose titles have them are listed.
		n := 0
		for _, p := range props {
			if n == searchLimit {
				break
			}
			if !matches(data.Fold(p.Title), terms) {
				continue
			}
			n++
			id := p.ID
			name := p.Title + " · " + p.AreaName + " · " + lang.L("pstate."+string(p.State))
			res = append(res, searchResult{data.KindProposal, name, func() { ui.openProposal(id) }})
		}
		s.results = res
		s.info.SetText(lang.L("search.found", map[string]any{"n": len(res), "q": q}))
		s.list.Refresh()
	})
}

// openFirst opens the first result (Enter in the search box).
func (s *searchScreen) openFirst() {
	if len(s.results) > 0 {
		s.results[0].open()
	}
}

// Section indexes, in the order of the navigation.
const (
	sectionSessions = iota
	sectionProposals
	sectionVotes
	sectionSynthesis
	sectionAttuazione
	sectionActions
	sectionPeople
	sectionAmbito
	sectionExchange
)

// openIn shows the Ambito section on tab (0 Ambito, 1 comuni, 2 areas, 3 bodies) and then runs then.
func (ui *UI) openIn(tab int, then func()) {
	ui.goTo(sectionAmbito)
	ui.terr.tabs.SelectIndex(tab) // with the cursor in the tab's filter
	then()
}

// openProposal shows a proposal in the Proposte section, selected in the list when its filters show it.
func (ui *UI) openProposal(id string) {
	ui.goTo(sectionProposals)
	ui.props.open(id)
}

// openPerson shows a person in the register.
func (ui *UI) openPerson(p data.PersonView) {
	ui.goTo(sectionPeople)
	ui.orgs.shown = false
	if t, ok := ui.sections[sectionPeople].content.(*container.AppTabs); ok {
		t.SelectIndex(0)
	}
	ui.people.category.SetSelectedIndex(0)
	ui.people.pane.show(p.ID)
}

// openOrganisation shows an organisation in its tab.
func (ui *UI) openOrganisation(o data.OrganisationView) {
	ui.goTo(sectionPeople)
	if t, ok := ui.sections[sectionPeople].content.(*container.AppTabs); ok {
		t.SelectIndex(1)
	}
	ui.orgs.shown = true
	ui.orgs.pane.show(o.ID)
}
