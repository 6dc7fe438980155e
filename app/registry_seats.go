// A body's seats (componenti): added, listed and removed.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// seatsPanel lists a body's seats (its componenti) with a button to add one and one to remove each.
type seatsPanel struct {
	b       *bodiesScreen
	items   []data.SeatView
	list    *widget.List
	total   *widget.Label
	content fyne.CanvasObject
}

func newSeatsPanel(b *bodiesScreen) *seatsPanel {
	p := &seatsPanel{b: b, total: widget.NewLabel("")}
	p.list = newRemovableList(func() int { return len(p.items) }, func(i int) string {
		s := p.items[i]
		if s.ComuneID == "" {
			return s.Name
		}
		return s.Name + " · " + lang.L("seats.population", map[string]any{"n": italian.Int(s.Population)})
	}, func(i int) { p.remove(p.items[i]) })
	add := widget.NewButtonWithIcon(lang.L("seats.add"), theme.ContentAddIcon(), p.add)
	p.content = container.NewBorder(nil, container.NewBorder(nil, nil, nil, add, p.total), nil, nil,
		container.NewGridWrap(fyne.NewSize(520, 220), p.list))
	return p
}

// refresh reloads the seats of the body shown.
func (p *seatsPanel) refresh() {
	id := p.b.meta.ID
	var list []data.SeatView
	var err error
	p.b.ui.run(func() { list, err = p.b.ui.store.Seats(p.b.ui.ctx, id) }, func() {
		if err != nil {
			p.b.ui.showError(err)
			return
		}
		if id != p.b.meta.ID {
			return
		}
		p.items = list
		p.list.Refresh()
		var pop int
		for _, s := range list {
			pop += s.Population
		}
		p.total.SetText(lang.L("seats.total", map[string]any{"n": len(list), "pop": italian.Int(pop)}))
		p.b.rules.explain(list)
	})
}

// remove deletes a seat (and the memberships that hold it), with the usual confirmation and undo.
func (p *seatsPanel) remove(s data.SeatView) {
	p.b.ui.confirmDelete(data.Ref{Kind: data.KindSeat, ID: s.ID}, lang.L("seats.named", map[string]any{"name": s.Name}),
		p.b.reloadParts, p.b.reloadParts)
}

// add asks what the new seat stands for: a comune, an organisation, a person, or just a label.
func (p *seatsPanel) add() {
	ui := p.b.ui
	var comuni []data.Comune
	var orgs []data.OrganisationView
	var err error
	ui.run(func() {
		comuni, err = ui.store.Comuni(ui.ctx)
		if err == nil {
			orgs, err = ui.store.Organisations(ui.ctx, "")
		}
	}, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		p.addDialog(comuni, orgs)
	})
}

func (p *seatsPanel) addDialog(comuni []data.Comune, orgs []data.OrganisationView) {
	ui := p.b.ui
	kinds := []string{lang.L("seats.kind.comune"), lang.L("seats.kind.organisation"), lang.L("seats.kind.person"), lang.L("seats.kind.other")}
	holder := newKeySelectEntry(nil)
	label := newShortcutEntry()
	label.SetPlaceHolder(lang.L("seats.label_hint"))
	var people []data.PersonView
	kind := newKeySelect(kinds, nil)
	fill := func() {
		var opts []string
		switch kind.SelectedIndex() {
		case 0:
			for _, c := range comuni {
				opts = append(opts, c.Name)
			}
		case 1:
			for _, o := range orgs {
				opts = append(opts, o.Name)
			}
		case 2:
			for _, pv := range people {
				opts = append(opts, pv.FullName())
			}
		}
		holder.SetOptions(opts)
		if kind.SelectedIndex() == 3 {
			holder.Disable()
		} else {
			holder.Enable()
		}
	}
	kind.OnChanged = func(string) { holder.SetText(""); fill() }
	holder.OnChanged = func(q string) {
		if kind.SelectedIndex() != 2 {
			return
		}
		var found []data.PersonView
		var err error
		ui.run(func() { found, err = ui.store.People(ui.ctx, data.PeopleFilter{Query: q, Limit: 30}) }, func() {
			if err == nil && holder.Text == q {
				people = found
				fill()
			}
		})
	}
	if p.b.selectedKind() == data.BodySindaci {
		kind.SetSelectedIndex(0)
	} else {
		kind.SetSelectedIndex(2)
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("seats.kind"), kind),
		widget.NewFormItem(lang.L("seats.holder"), holder),
		widget.NewFormItem(lang.L("seats.label"), label),
	}
	d := dialog.NewForm(lang.L("seats.add"), lang.L("seats.add_confirm"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		s := data.Seat{BodyID: p.b.meta.ID, Label: strings.TrimSpace(label.Text)}
		name := data.Fold(strings.TrimSpace(holder.Text))
		switch kind.SelectedIndex() {
		case 0:
			for _, c := range comuni {
				if data.Fold(c.Name) == name {
					s.ComuneID = c.ID
				}
			}
		case 1:
			for _, o := range orgs {
				if data.Fold(o.Name) == name {
					s.OrganisationID = o.ID
				}
			}
		case 2:
			for _, pv := range people {
				if data.Fold(pv.FullName()) == name {
					s.PersonID = pv.ID
				}
			}
		}
		if name != "" && s.ComuneID == "" && s.OrganisationID == "" && s.PersonID == "" {
			ui.showError(data.Errorf(data.EInvalid, "err.seat.holder_unknown", "name", holder.Text))
			return
		}
		var err error
		ui.run(func() { _, err = ui.store.SaveSeat(ui.ctx, s) }, func() {
			if err != nil {
				ui.showError(err)
				return
			}
			ui.saved()
			p.b.reloadParts()
		})
	}, ui.win)
	formKeys(d.Submit, d.Hide, items...)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}

// reloadParts reloads the seats and the members of the body shown.
func (s *bodiesScreen) reloadParts() {
	s.seats.refresh()
	s.members.refresh()
}

// membersPanel lists the people in a body with their role and the seat they hold.
type membersPanel struct {
	b       *bodiesScreen
	items   []data.MembershipView
	list    *widget.List
	content fyne.CanvasObject
}

func newMembersPanel(b *bodiesScreen) *membersPanel {
	p := &membersPanel{b: b}
	p.list = newRemovableList(func() int { return len(p.items) }, func(i int) string {
		m := p.items[i]
		text := m.PersonName + " · " + lang.L("role."+string(m.Role))
		if m.SeatName != "" {
			text += " · " + lang.L("members.seat", map[string]any{"seat": m.SeatName})
		}
		return text
	}, func(i int) {
		m := p.items[i]
		b.ui.confirmDelete(data.Ref{Kind: data.KindMembership, ID: m.ID},
			lang.L("members.named", map[string]any{"name": m.PersonName, "role": lang.L("role." + string(m.Role))}),
			b.reloadParts, b.reloadParts)
	})
	add := widget.NewButtonWithIcon(lang.L("members.add"), theme.ContentAddIcon(), p.add)
	p.content = container.NewBorder(nil, container.NewHBox(add), nil, nil, container.NewGridWrap(fyne.NewSize(520, 260), p.list))
	return p
}

// refresh reloads the members of the body shown.
func (p *membersPanel) refresh() {
	id := p.b.meta.ID
	var list []data.MembershipView
	var err error
	p.b.ui.run(func() { list, err = p.b.ui.store.Memberships(p.b.ui.ctx, id) }, func() {
		if err != nil {
			p.b.ui.showError(err)
			return
		}
		if id == p.b.meta.ID {
			p.items = list
			p.list.Refresh()
		}
	})
}

// add asks for a person (found as you type), a role and, optionally, the seat they hold.
func (p *membersPanel) add() {
	ui := p.b.ui
	person := newKeySelectEntry(nil)
	person.SetPlaceHolder(lang.L("members.person_hint"))
	var people []data.PersonView
	var shown []string
	person.OnChanged = func(q string) {
		var found []data.PersonView
		var err error
		ui.run(func() { found, err = ui.store.People(ui.ctx, data.PeopleFilter{Query: q, Limit: 30}) }, func() {
			if err != nil || person.Text != q {
				return
			}
			people = found
			opts := make([]string, len(found))
			for i, pv := range found {
				opts[i] = pv.FullName()
				if pv.OrganisationName != "" {
					opts[i] += " (" + pv.OrganisationName + ")"
				}
			}
			shown = opts
			person.SetOptions(opts)
		})
	}
	role := newKeySelect(labels("role.", data.Roles), nil)
	role.SetSelected(lang.L("role." + string(data.RoleMembro)))
	seats := p.b.seats.items
	seatOpts := []string{lang.L("members.no_seat")}
	for _, s := range seats {
		seatOpts = append(seatOpts, s.Name)
	}
	seat := newKeySelect(seatOpts, nil)
	seat.SetSelectedIndex(0)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("members.person"), person),
		widget.NewFormItem(lang.L("members.role"), role),
		widget.NewFormItem(lang.L("members.seat_field"), seat),
	}
	d := dialog.NewForm(lang.L("members.add"), lang.L("members.add_confirm"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		m := data.Membership{BodyID: p.b.meta.ID, Role: chosen(&role.Select, data.Roles)}
		typed := data.Fold(strings.TrimSpace(person.Text))
		for i, pv := range people {
			opt := data.Fold(pv.FullName())
			if typed == opt || (len(shown) > i && typed == data.Fold(shown[i])) {
				m.PersonID = pv.ID
			}
		}
		if m.PersonID == "" && len(people) == 1 {
			m.PersonID = people[0].ID
		}
		if m.PersonID == "" {
			ui.showError(data.Errorf(data.EInvalid, "err.membership.person_unknown", "name", person.Text))
			return
		}
		if i := seat.SelectedIndex(); i > 0 && i-1 < len(seats) {
			m.SeatID = seats[i-1].ID
		}
		var err error
		ui.run(func() { _, err = ui.store.SaveMembership(ui.ctx, m) }, func() {
			if err != nil {
				ui.showError(err)
				return
			}
			ui.saved()
			p.b.reloadParts()
		})
	}, ui.win)
	formKeys(d.Submit, d.Hide, items...)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}
