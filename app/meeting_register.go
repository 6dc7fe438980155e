// The meeting's register: live quorum, check-in box, presences, delegations and departures.

package app

import (
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// registerPanel is the register of the meeting screen: the live quorum, the check-in box and the
// lines of the register. Type part of a name (accents and case do not matter), Up and Down choose among
// the lines found, Enter marks the chosen person present; F3 excused, F4 gone or back, F6 takes a seat
// by delegation, F7 adds someone not in the register, Esc clears the box.
type registerPanel struct {
	ui *UI
	m  *meetingScreen

	heads    *widget.Label // "Componenti presenti 5 / 8"
	verdict  *widget.Label // "Numero legale: SÌ"
	why      *widget.Label // the sentence that says why
	people   *widget.Label // people in the room, with and without a seat
	checkin  *shortcutEntry
	list     *widget.List
	shown    []data.RegisterLine // the register lines the box matches, then people of the registry
	sel      int                 // the chosen line among shown
	seq      int                 // the latest search of the registry; older answers are dropped
	listed   string              // the text the lines shown were found for, registry included
	shownFor string              // the text the lines shown were found for, registry or not
	picked   bool                // the choice was moved by hand (Up, Down, a click) among the lines shown
	last     *lastMark           // the last change made from the box, for Ctrl+Z
	content  fyne.CanvasObject
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
	r.checkin.onKey[fyne.KeyDown] = func() { r.choose(r.sel + 1); r.picked = true }
	r.checkin.onKey[fyne.KeyUp] = func() { r.choose(r.sel - 1); r.picked = true }
	r.checkin.onKey[fyne.KeyF3] = r.excuse
	r.checkin.onKey[fyne.KeyF8] = func() {
		if l, ok := r.chosen(); ok {
			r.unrecord(l)
		}
	}
	r.checkin.onShortcut[(&fyne.ShortcutUndo{}).ShortcutName()] = r.undo
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
		r.sel, r.picked = id, true
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
// third letter, once typing pauses — people of the registry who are not in the register yet (a
// delegate, a guest who came before): they are found the same way and marked present with the same
// key. The lines are ranked by MatchRank: "gall" shows Galli before Fumagalli.
func (r *registerPanel) filter() {
	text := r.checkin.Text
	r.seq++
	seq := r.seq
	r.list.UnselectAll() // the choice belongs to the lines found for the text before
	r.setShown(r.linesFor(text, nil), "")
	r.shownFor = text
	if !r.searches(text) {
		r.listed = text
		return
	}
	pause := r.ui.filterPause
	r.ui.run(func() {
		if pause > 0 {
			time.Sleep(pause) // a word typed fast is one query
		}
	}, func() {
		if seq != r.seq {
			return // another letter came, or Enter took over
		}
		r.search(text, func(lines []data.RegisterLine, err error) {
			if err == nil && seq == r.seq && !r.picked { // a choice made by hand stays
				r.setShown(lines, text)
			}
		})
	})
}

// searches reports whether the registry is searched for text: from the third letter.
func (r *registerPanel) searches(text string) bool {
	return len([]rune(strings.TrimSpace(text))) >= 3 && r.ui.store != nil
}

// setShown shows lines, found for text ("" while the registry's answer is awaited), and chooses the
// first absent.
func (r *registerPanel) setShown(lines []data.RegisterLine, text string) {
	r.shown, r.listed, r.picked = lines, text, false
	r.list.Refresh()
	r.choose(firstAbsent(r.shown))
}

// search asks the registry for text and hands back every line text finds, ranked; done runs on the UI
// goroutine.
func (r *registerPanel) search(text string, done func([]data.RegisterLine, error)) {
	var people []data.PersonView
	var err error
	r.ui.run(func() {
		people, err = r.ui.store.People(r.ui.ctx, data.PeopleFilter{Query: text, Limit: 12})
	}, func() {
		if err != nil {
			done(nil, err)
			return
		}
		done(r.linesFor(text, people), nil)
	})
}

// linesFor is what text finds: the register lines that hold every word typed and the people of the
// registry found for it who are not in the register, ranked by MatchRank (surname first, then given
// name, then anywhere), the register's order kept among equals.
func (r *registerPanel) linesFor(text string, people []data.PersonView) []data.RegisterLine {
	terms := data.SearchTerms(text)
	type ranked struct {
		l    data.RegisterLine
		rank int
	}
	var found []ranked
	inRegister := map[string]bool{}
	for _, l := range r.m.d.Register {
		inRegister[l.PersonID] = true
		rest := strings.Join([]string{l.SeatName, l.Organisation, l.Town}, " ")
		if rank := data.MatchRank(terms, l.Naming.Surname, l.Naming.Name, l.PersonName+" "+rest); rank >= 0 {
			found = append(found, ranked{l, rank})
		}
	}
	sessionID := r.m.d.Session.ID
	for _, p := range people {
		if inRegister[p.ID] {
			continue
		}
		inRegister[p.ID] = true
		l := data.RegisterLine{Attendance: data.Attendance{SessionID: sessionID, PersonID: p.ID},
			PersonName: p.FullName(), Category: p.Category, Organisation: p.OrganisationName, Town: p.Town(),
			Naming: data.Naming{Name: p.Name, Surname: p.Surname}}
		// A standing delegate of the body comes to hold their seat.
		if seat := r.m.d.DelegateSeat(p.ID); seat != "" {
			for _, st := range r.m.d.Seats {
				if st.ID == seat {
					l.SeatID, l.SeatName, l.Delegated, l.Role = seat, st.Name, true, data.RoleDelegato
				}
			}
		}
		rank := data.MatchRank(terms, p.Surname, p.Name, strings.Join([]string{p.OrganisationName, p.Town()}, " "))
		found = append(found, ranked{l, max(rank, 2)}) // the store found them: a word may be in a field not shown
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].rank < found[j].rank })
	out := make([]data.RegisterLine, len(found))
	for i, f := range found {
		out[i] = f.l
	}
	return out
}

// firstAbsent is the line Enter marks: the first one found who is not in the room yet (those already
// present are rarely the ones being looked for).
func firstAbsent(lines []data.RegisterLine) int {
	for i, l := range lines {
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

// markPresent marks present the person the box names (Enter), whatever the speed of typing: when the
// lines shown were found for exactly the text in the box, or one of them was chosen by hand, the
// chosen one; otherwise the registry is searched for that text first, and the first absent found is
// marked. The box is emptied at once, for
// the next name. A name matching nobody is said so and left in the box: a new participant is added
// only with F7, never by Enter.
func (r *registerPanel) markPresent() {
	text := r.checkin.Text
	if strings.TrimSpace(text) == "" {
		return
	}
	act := func(lines []data.RegisterLine, sel int) {
		switch {
		case len(lines) == 0:
			if r.checkin.Text == "" {
				r.checkin.SetText(text)
			}
			r.m.errs.set(lang.L("register.nobody", map[string]any{"text": strings.TrimSpace(text)}))
		case lines[sel].PersonID == "":
			r.m.errs.set(lang.L("register.empty_seat", map[string]any{"seat": lines[sel].SeatName}))
		default:
			r.markLine(lines[sel], data.PresencePresente)
		}
	}
	if r.listed == text || (r.picked && r.shownFor == text) {
		lines, sel := r.shown, r.sel
		r.checkin.SetText("")
		act(lines, min(max(sel, 0), max(len(lines)-1, 0)))
		return
	}
	r.checkin.SetText("") // drops the pause and the answers awaited for the text typed so far
	r.search(text, func(lines []data.RegisterLine, err error) {
		if err != nil {
			r.m.errs.set(i18n.Explain(err))
			return
		}
		act(lines, firstAbsent(lines))
	})
}

// markLine records l's person as present, absent or excused.
func (r *registerPanel) markLine(l data.RegisterLine, p data.Presence) {
	if l.PersonID == "" {
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
	r.save(l, a)
}

// excuse marks the chosen person excused (F3); F3 on someone excused or absent takes the mark back:
// the line is no longer recorded, with no arrival or exit invented.
func (r *registerPanel) excuse() {
	l, ok := r.chosen()
	if !ok || l.PersonID == "" {
		return
	}
	if l.Recorded() && (l.Presence == data.PresenceGiustificato || l.Presence == data.PresenceAssente) {
		r.unrecord(l)
		return
	}
	r.markLine(l, data.PresenceGiustificato)
}

// unrecord takes the chosen line out of the register (F8): a mark given by mistake, present, absent or
// excused, goes without leaving times behind. The record is a tombstone, and Ctrl+Z brings it back.
func (r *registerPanel) unrecord(l data.RegisterLine) {
	if !l.Recorded() {
		return
	}
	var removed []data.Ref
	var err error
	r.ui.run(func() {
		removed, err = r.ui.store.Delete(r.ui.ctx, data.Ref{Kind: data.KindAttendance, ID: l.ID})
	}, func() {
		if err == nil {
			r.last = &lastMark{line: l, removed: removed}
		}
		r.after(&err, r.checkin.Text)()
	})
}

// lastMark is the last change made from the check-in box, for Ctrl+Z: the line as it was, and what
// the change wrote or removed.
type lastMark struct {
	line    data.RegisterLine // before the change
	written data.Attendance   // what the change wrote; zero when it removed the line
	removed []data.Ref        // what the change removed
}

// save writes a register line that was l and redraws; the box is cleared for the next name unless
// something else was typed meanwhile.
func (r *registerPanel) save(l data.RegisterLine, a data.Attendance) {
	typed := r.checkin.Text
	var err error
	r.ui.run(func() { a, err = r.ui.store.SaveAttendance(r.ui.ctx, a) }, func() {
		if err == nil {
			r.last = &lastMark{line: l, written: a}
		}
		r.after(&err, typed)()
	})
}

// undo takes back the last mark made from the check-in box (Ctrl+Z): a line that was not recorded
// goes again, one that was is written back as it was, one removed comes back.
func (r *registerPanel) undo() {
	last := r.last
	if last == nil {
		r.m.errs.set(lang.L("register.nothing_to_undo"))
		return
	}
	r.last = nil
	typed := r.checkin.Text
	var err error
	r.ui.run(func() {
		switch {
		case last.removed != nil:
			err = r.ui.store.Restore(r.ui.ctx, last.removed)
		case !last.line.Recorded():
			_, err = r.ui.store.Delete(r.ui.ctx, data.Ref{Kind: data.KindAttendance, ID: last.written.ID})
		default:
			before := last.line.Attendance
			before.Meta = last.written.Meta
			_, err = r.ui.store.SaveAttendance(r.ui.ctx, before)
		}
	}, func() {
		r.after(&err, typed)()
		if err == nil {
			r.ui.status.say(lang.L("register.undone", map[string]any{"name": last.line.PersonName}))
		}
	})
}

// after shows the outcome of a change to the register and redraws it; the box is emptied when it
// still holds typed, the text the change was made from.
func (r *registerPanel) after(err *error, typed string) func() {
	return func() {
		if *err != nil {
			r.m.errs.set(i18n.Explain(*err))
			return
		}
		r.m.errs.set("")
		if r.checkin.Text == typed {
			r.checkin.SetText("")
		}
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
	typed := r.checkin.Text
	var a data.Attendance
	var err error
	r.ui.run(func() { a, err = r.ui.store.StampLeft(r.ui.ctx, l.ID, l.Left.IsZero()) }, func() {
		if err == nil {
			r.last = &lastMark{line: l, written: a}
		}
		r.after(&err, typed)()
	})
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
	form := dialog.NewForm(lang.L("register.delegate_title", map[string]any{"name": l.PersonName}),
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
			r.save(l, a)
		}, r.ui.win)
	act.OnSubmitted = func(string) { form.Submit() }
	wireFieldKeys(form.Submit, form.Hide, pick, act)
	form.Resize(fyne.NewSize(480, 240))
	form.Show()
	r.ui.win.Canvas().Focus(pick)
}

// walkIn adds someone who is not in the register (F7, and only F7: Enter never creates a person): they
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
		typed := r.checkin.Text
		r.ui.run(func() {
			var stored data.Person
			if stored, err = r.ui.store.SavePerson(r.ui.ctx, p); err != nil {
				return
			}
			_, err = r.ui.store.SaveAttendance(r.ui.ctx, data.Attendance{SessionID: sessionID, PersonID: stored.ID,
				Presence: data.PresencePresente})
		}, r.after(&err, typed))
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
		parts = append(parts, italian.Clock(l.Arrived)+"–"+italian.Clock(l.Left))
	case !l.Arrived.IsZero():
		parts = append(parts, italian.Clock(l.Arrived))
	}
	return strings.Join(parts, " · ")
}

// quorumSentence says in words whether the quorum holds and why, under the rule the body gives for
// the session's call: "5 presenti su 8 componenti; ne servono 5 in prima convocazione." When it does
// not hold it says what is missing under that rule: members, inhabitants, or both.
func quorumSentence(q vote.Quorum) string {
	// A fixed number counts seats whatever the weighting (see vote.CheckQuorum).
	byHeads := q.ByHeads() || q.Rule.Kind == data.QuorumNumber
	byPopulation := q.ByPopulation() && q.Rule.Kind != data.QuorumNumber
	missingPop := max(0, q.RequiredPopulation-q.PresentPopulation)
	args := map[string]any{
		"present": q.Present, "seats": q.Seats, "required": q.Required, "missing": q.Missing(),
		"ppop": italian.Int(int(q.PresentPopulation)), "pop": italian.Int(int(q.Population)),
		"rpop": italian.Int(int(q.RequiredPopulation)), "mpop": italian.Int(int(missingPop)),
		"call": lang.L("call." + string(q.Call)),
	}
	var s string
	switch {
	case q.Rule.Kind == data.QuorumNone:
		return lang.L("quorum.none", args)
	case byHeads && byPopulation:
		s = lang.L("quorum.double", args)
	case byPopulation:
		s = lang.L("quorum.population", args)
	default:
		s = lang.L("quorum.heads", args)
	}
	if q.Holds {
		return s
	}
	heads := byHeads && q.Missing() > 0
	pop := byPopulation && missingPop > 0
	switch {
	case heads && pop:
		s += " " + lang.N("quorum.missing_both", int(q.Missing()), args)
	case heads:
		s += " " + lang.N("quorum.missing", int(q.Missing()), args)
	case pop:
		s += " " + lang.N("quorum.missing_population", int(missingPop), args)
	}
	return s
}
