package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// registerPanel is the register of the meeting screen: the live quorum, the check-in box and the
// lines of the register. Type part of a name (accents and case do not matter), Up and Down choose among
// the lines found, Enter marks the chosen person present; F3 excused, F4 gone or back, F6 takes a seat
// by delegation, F7 adds someone not in the register, Esc clears the box.
type registerPanel struct {
	ui *UI
	m  *meetingScreen

	heads   *widget.Label // "Componenti presenti 5 / 8"
	verdict *widget.Label // "Numero legale: SÌ"
	why     *widget.Label // the sentence that says why
	people  *widget.Label // people in the room, with and without a seat
	checkin *shortcutEntry
	list    *widget.List
	shown   []data.RegisterLine // the register lines the box matches, then people of the registry
	sel     int                 // the chosen line among shown
	seq     int                 // the latest search of the registry; older answers are dropped
	content fyne.CanvasObject
}

func newRegisterPanel(ui *UI, m *meetingScreen) *registerPanel {
	r := &registerPanel{ui: ui, m: m}
	r.heads = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.why = widget.NewLabel("")
	r.why.Wrapping = fyne.TextWrapWord
	r.people = widget.NewLabel("")
	r.people.Importance = widget.LowImportance
	r.checkin = newShortcutEntry()
	r.checkin.SetPlaceHolder(lang.L("register.search"))
	r.checkin.OnChanged = func(string) { r.filter() }
	r.checkin.OnSubmitted = func(string) { r.markPresent() }
	r.checkin.onKey[fyne.KeyEscape] = func() { r.checkin.SetText("") }
	r.checkin.onKey[fyne.KeyDown] = func() { r.choose(r.sel + 1) }
	r.checkin.onKey[fyne.KeyUp] = func() { r.choose(r.sel - 1) }
	r.checkin.onKey[fyne.KeyF3] = func() { r.mark(data.PresenceGiustificato) }
	r.checkin.onKey[fyne.KeyF4] = r.toggleLeft
	r.checkin.onKey[fyne.KeyF6] = r.delegate
	r.checkin.onKey[fyne.KeyF7] = r.walkIn
	r.checkin.onKey[fyne.KeyF5] = m.toggleProjector
	r.list = widget.NewList(func() int { return len(r.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(r.shown) {
				o.(*widget.Label).SetText(registerLine(r.shown[id]))
			}
		})
	r.list.OnSelected = func(id widget.ListItemID) {
		r.sel = id
		r.ui.win.Canvas().Focus(r.checkin)
	}
	keys := widget.NewLabel(lang.L("register.keys"))
	keys.Importance = widget.LowImportance
	keys.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(r.heads, r.verdict, r.why, r.people, r.checkin)
	r.content = container.NewBorder(top, keys, nil, nil, r.list)
	return r
}

// show redraws the quorum and the register from the meeting's dossier.
func (r *registerPanel) show() {
	d := r.m.d
	q := vote.CheckQuorum(d.Body.Rules, d.Session.Call, d.VoteSeats(), data.PresentSeats(d.Register, time.Time{}))
	r.heads.SetText(lang.L("register.heads", map[string]any{"present": q.Present, "seats": q.Seats}))
	if q.Holds {
		r.verdict.SetText(lang.L("register.quorum_yes"))
		r.verdict.Importance = widget.SuccessImportance
	} else {
		r.verdict.SetText(lang.L("register.quorum_no"))
		r.verdict.Importance = widget.DangerImportance
	}
	r.verdict.Refresh()
	r.why.SetText(quorumSentence(q))
	// While the meeting runs: who is in the room now; afterwards: everyone who took part.
	inRoom, guests := 0, 0
	for _, l := range d.Register {
		if l.PresentAt(time.Time{}) || (!r.m.live() && l.Presence == data.PresencePresente && l.PersonID != "") {
			inRoom++
			if l.Guest() {
				guests++
			}
		}
	}
	key := "register.people"
	if !r.m.live() {
		key = "register.took_part"
	}
	r.people.SetText(lang.N(key, inRoom, map[string]any{"count": inRoom, "guests": guests}))
	r.filter()
}

// filter shows the lines whose name, seat or organisation holds every word typed, then — from the
// third letter — people of the registry who are not in the register yet (a delegate, a guest who came
// before): they are found the same way and marked present with the same key.
func (r *registerPanel) filter() {
	text := r.checkin.Text
	terms := data.SearchTerms(text)
	r.shown = r.shown[:0]
	inRegister := map[string]bool{}
	for _, l := range r.m.d.Register {
		inRegister[l.PersonID] = true
		if matches(data.Fold(strings.Join([]string{l.PersonName, l.SeatName, l.Organisation, l.Town}, " ")), terms) {
			r.shown = append(r.shown, l)
		}
	}
	r.list.Refresh()
	r.choose(r.firstAbsent())
	r.seq++
	seq := r.seq
	if len([]rune(strings.TrimSpace(text))) < 3 || r.ui.store == nil {
		return
	}
	sessionID := r.m.d.Session.ID
	var people []data.PersonView
	var err error
	r.ui.run(func() {
		people, err = r.ui.store.People(r.ui.ctx, data.PeopleFilter{Query: text, Limit: 12})
	}, func() {
		if err != nil || seq != r.seq {
			return
		}
		for _, p := range people {
			if inRegister[p.ID] {
				continue
			}
			l := data.RegisterLine{Attendance: data.Attendance{SessionID: sessionID, PersonID: p.ID},
				PersonName: p.FullName(), Category: p.Category, Organisation: p.OrganisationName, Town: p.Town()}
			// A standing delegate of the body comes to hold their seat.
			if seat := r.m.d.DelegateSeat(p.ID); seat != "" {
				for _, st := range r.m.d.Seats {
					if st.ID == seat {
						l.SeatID, l.SeatName, l.Delegated, l.Role = seat, st.Name, true, data.RoleDelegato
					}
				}
			}
			r.shown = append(r.shown, l)
		}
		r.list.Refresh()
		r.choose(r.firstAbsent())
	})
}

// firstAbsent is the line Enter marks: the first one found who is not in the room yet (those already
// present come first in the register but are rarely the ones being looked for).
func (r *registerPanel) firstAbsent() int {
	for i, l := range r.shown {
		if l.PersonID != "" && !l.PresentAt(time.Time{}) {
			return i
		}
	}
	return 0
}

// choose moves the choice among the lines shown.
func (r *registerPanel) choose(i int) {
	if len(r.shown) == 0 {
		r.list.UnselectAll()
		return
	}
	r.sel = min(max(i, 0), len(r.shown)-1)
	keep := r.list.OnSelected
	r.list.OnSelected = nil
	r.list.Select(r.sel)
	r.list.ScrollTo(r.sel)
	r.list.OnSelected = keep
}

// chosen is the register line chosen, false when none.
func (r *registerPanel) chosen() (data.RegisterLine, bool) {
	if r.sel < 0 || r.sel >= len(r.shown) {
		return data.RegisterLine{}, false
	}
	return r.shown[r.sel], true
}

// markPresent marks the chosen person present (Enter). A name matching nobody offers to add them.
func (r *registerPanel) markPresent() {
	l, ok := r.chosen()
	switch {
	case !ok && strings.TrimSpace(r.checkin.Text) != "":
		r.walkIn()
	case ok && l.PersonID == "":
		r.m.errs.set(lang.L("register.empty_seat", map[string]any{"seat": l.SeatName}))
	case ok:
		r.mark(data.PresencePresente)
	}
}

// mark records the chosen line's person as present, absent or excused.
func (r *registerPanel) mark(p data.Presence) {
	l, ok := r.chosen()
	if !ok || l.PersonID == "" {
		return
	}
	a := l.Attendance
	if a.SessionID == "" {
		a.SessionID = r.m.d.Session.ID
	}
	a.Presence = p
	if p == data.PresencePresente && l.Presence == data.PresencePresente && !l.Left.IsZero() {
		a.Left = time.Time{} // back in the room
	}
	r.save(a)
}

// save writes a register line and redraws; the box is cleared for the next name.
func (r *registerPanel) save(a data.Attendance) {
	var err error
	r.ui.run(func() { _, err = r.ui.store.SaveAttendance(r.ui.ctx, a) }, r.after(&err))
}

func (r *registerPanel) after(err *error) func() {
	return func() {
		if *err != nil {
			r.m.errs.set(Explain(*err))
			return
		}
		r.m.errs.set("")
		r.checkin.SetText("")
		r.ui.saved()
		r.m.reload(func() { r.ui.win.Canvas().Focus(r.checkin) })
	}
}

// toggleLeft records that the chosen person left the room, or came back (F4).
func (r *registerPanel) toggleLeft() {
	l, ok := r.chosen()
	if !ok || !l.Recorded() || l.Presence != data.PresencePresente {
		return
	}
	var err error
	r.ui.run(func() { _, err = r.ui.store.StampLeft(r.ui.ctx, l.ID, l.Left.IsZero()) }, r.after(&err))
}

// delegate lets the chosen person take a seat by delegation (F6): the seats are listed with who holds
// them now.
func (r *registerPanel) delegate() {
	l, ok := r.chosen()
	if !ok || l.PersonID == "" {
		return
	}
	seats := r.m.d.Seats
	if len(seats) == 0 {
		r.m.errs.set(lang.L("register.no_seats"))
		return
	}
	holder := map[string]string{}
	for _, x := range r.m.d.Register {
		if x.SeatID != "" && x.PresentAt(time.Time{}) {
			holder[x.SeatID] = x.PersonName
		}
	}
	opts := make([]string, len(seats))
	for i, s := range seats {
		opts[i] = s.Name
		if h := holder[s.ID]; h != "" {
			opts[i] += " — " + h
		}
	}
	pick := newKeySelect(opts, nil)
	for i, st := range seats {
		if st.ID == r.m.d.DelegateSeat(l.PersonID) {
			pick.SetSelectedIndex(i) // the seat they are the standing delegate for
		}
	}
	act := newShortcutEntry()
	act.SetPlaceHolder(lang.L("register.delegate_act_hint"))
	if l.Delegated {
		act.SetText(l.DelegationAct)
	}
	var form *dialog.FormDialog
	form = dialog.NewForm(lang.L("register.delegate_title", map[string]any{"name": l.PersonName}),
		lang.L("register.delegate_ok"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("register.delegate_seat"), pick),
			widget.NewFormItem(lang.L("register.delegate_act"), act)}, func(ok bool) {
			i := pick.SelectedIndex()
			if !ok || i < 0 {
				return
			}
			a := data.Attendance{SessionID: r.m.d.Session.ID, PersonID: l.PersonID, SeatID: seats[i].ID,
				Presence: data.PresencePresente, Delegated: true, DelegationAct: act.Text}
			for _, x := range r.m.d.Register {
				if x.Recorded() && x.PersonID == l.PersonID && (x.SeatID == "" || x.SeatID == seats[i].ID) {
					// A guest who turns out to hold a seat, or the act added to a delegation: the same line.
					a.Meta = x.Meta
					a.Arrived = x.Arrived
				}
			}
			r.save(a)
		}, r.ui.win)
	act.OnSubmitted = func(string) { form.Submit() }
	wireFieldKeys(form.Submit, form.Hide, pick, act)
	form.Resize(fyne.NewSize(480, 240))
	form.Show()
	r.ui.win.Canvas().Focus(pick)
}

// walkIn adds someone who is not in the register (F7, or Enter on a name that matches nobody): they
// are added to the people and recorded present, without a seat.
func (r *registerPanel) walkIn() {
	surname, name := splitName(r.checkin.Text)
	sur, first := newShortcutEntry(), newShortcutEntry()
	sur.SetText(surname)
	first.SetText(name)
	var cats []string
	for _, c := range data.Categories {
		cats = append(cats, lang.L("category."+string(c)))
	}
	cat := newKeySelect(cats, nil)
	cat.SetSelected(lang.L("category." + string(data.CatCittadino)))
	town := newShortcutEntry()
	town.SetPlaceHolder(lang.L("register.walkin_town"))
	var form *dialog.FormDialog
	submit := func() {
		p := data.Person{Surname: sur.Text, Name: first.Text, Category: data.CatCittadino, ComuneText: town.Text}
		if i := cat.SelectedIndex(); i >= 0 {
			p.Category = data.Categories[i]
		}
		sessionID := r.m.d.Session.ID
		var err error
		r.ui.run(func() {
			var stored data.Person
			if stored, err = r.ui.store.SavePerson(r.ui.ctx, p); err != nil {
				return
			}
			_, err = r.ui.store.SaveAttendance(r.ui.ctx, data.Attendance{SessionID: sessionID, PersonID: stored.ID,
				Presence: data.PresencePresente})
		}, r.after(&err))
	}
	for _, e := range []*shortcutEntry{sur, first, town} {
		e.OnSubmitted = func(string) { form.Submit() }
	}
	form = dialog.NewForm(lang.L("register.walkin_title"), lang.L("register.walkin_ok"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("field.surname"), sur),
			widget.NewFormItem(lang.L("field.name"), first),
			widget.NewFormItem(lang.L("field.category"), cat),
			widget.NewFormItem(lang.L("field.comune"), town),
		}, func(ok bool) {
			if ok {
				submit()
			}
		}, r.ui.win)
	wireFieldKeys(form.Submit, form.Hide, sur, first, cat, town)
	form.Resize(fyne.NewSize(480, 300))
	form.Show()
	r.ui.win.Canvas().Focus(sur)
}

// splitName reads "Rossi Maria" as surname and name: the first word is the surname.
func splitName(s string) (surname, name string) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "", ""
	}
	return f[0], strings.Join(f[1:], " ")
}

// registerLine is a line of the register as the list shows it: a mark for the presence, the name, the
// seat (or organisation) and the times.
func registerLine(l data.RegisterLine) string {
	mark := "○"
	switch {
	case !l.Recorded() && l.SeatID == "" && l.Role == "" && l.PersonID != "":
		mark = "+" // in the registry, not in this body's register
	case l.PersonID == "":
		mark = "·"
	case l.Presence == data.PresencePresente && !l.Left.IsZero():
		mark = "⇥"
	case l.Presence == data.PresencePresente && l.Delegated:
		mark = "◐"
	case l.Presence == data.PresencePresente:
		mark = "●"
	case l.Presence == data.PresenceGiustificato:
		mark = "✕"
	case l.Presence == data.PresenceAssente:
		mark = "–"
	}
	name := l.PersonName
	if name == "" {
		name = lang.L("register.seat_free")
	}
	parts := []string{mark + " " + name}
	where := l.SeatName
	switch {
	case l.Delegated:
		where = lang.L("register.delegate_for", map[string]any{"seat": l.SeatName})
	case where == "" || where == l.PersonName: // a seat held in one's own name says nothing more
		where = l.Organisation
	}
	if where != "" {
		parts = append(parts, where)
	}
	if l.Town != "" && !strings.Contains(where, l.Town) {
		parts = append(parts, l.Town)
	}
	switch {
	case l.Presence == data.PresenceGiustificato:
		parts = append(parts, lang.L("register.excused"))
	case l.Presence == data.PresenceAssente:
		parts = append(parts, lang.L("register.absent"))
	case !l.Left.IsZero():
		parts = append(parts, formatClock(l.Arrived)+"–"+formatClock(l.Left))
	case !l.Arrived.IsZero():
		parts = append(parts, formatClock(l.Arrived))
	}
	return strings.Join(parts, " · ")
}

// quorumSentence says in words whether the quorum holds and why, under the rule the body gives for
// the session's call: "5 presenti su 8 componenti; ne servono 5 in prima convocazione."
func quorumSentence(q vote.Quorum) string {
	args := map[string]any{
		"present": q.Present, "seats": q.Seats, "required": q.Required, "missing": q.Missing(),
		"ppop": formatInt(int(q.PresentPopulation)), "pop": formatInt(int(q.Population)),
		"rpop": formatInt(int(q.RequiredPopulation)), "call": lang.L("call." + string(q.Call)),
	}
	var s string
	switch {
	case q.Rule.Kind == data.QuorumNone:
		s = lang.L("quorum.none", args)
	case q.Rule.Kind == data.QuorumNumber || !q.ByPopulation():
		s = lang.L("quorum.heads", args)
	case q.ByHeads():
		s = lang.L("quorum.double", args)
	default:
		s = lang.L("quorum.population", args)
	}
	if !q.Holds && q.Missing() > 0 && q.Rule.Kind != data.QuorumNone {
		s += " " + lang.L("quorum.missing", args)
	}
	return s
}
