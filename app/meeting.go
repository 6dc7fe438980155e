// The facilitator's screen while a session is in corso: agenda, current item, register, votes.

package app

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// meetingScreen is the facilitator's screen while a session is in corso: the ordine del giorno on the
// left with the time spent on each item, the current item in the middle with its notes (saved as they
// are typed), decisions, action items and the proposals captured, and the register on the right with
// the live quorum and the check-in box. Everything is reachable from the keyboard; the shortcuts are
// written at the bottom.
type meetingScreen struct {
	ui       *UI
	sessions *sessionsScreen
	d        data.Dossier
	content  fyne.CanvasObject
	errs     *errorLine

	title      *widget.Label
	agendaList *widget.List

	itemTitle *widget.Label
	itemTime  *widget.Label
	approve   *widget.Button
	notes     *shortcutEntry
	notesItem data.AgendaItem // the item whose notes the box shows, as stored: the text typed is saved over it
	notesSave *autosaver[agendaText]
	decisions *fyne.Container
	decision  *shortcutEntry
	actions   *fyne.Container
	actWho    *shortcutEntry
	actWhat   *shortcutEntry
	actDue    *shortcutEntry
	proposals *fyne.Container
	propHead  *widget.Label

	reg      *registerPanel
	speakers *speakersPanel
	// viewID is the item shown when the session is no longer in corso (the secretary completing the
	// verbale after the meeting): moving through the agenda then changes no clock.
	viewID     string
	closeBtn   *widget.Button
	capture    *captureForm // the proposal form while it is open
	votes      *votePanel   // the open vote
	voted      *fyne.Container
	voteID     string         // the vote opened last from this screen
	voteSel    int            // the seat chosen in the vote's list
	voteKeys   *shortcutEntry // the box that takes a key per choice
	voteFirst  *shortcutEntry // the first field of a ballot
	voteVoter  int            // the seat chosen for the next ballot
	lastBallot string         // the ballot entered last from this window, which can be taken back
	lastVote   string         // the vote closed last: the projector shows its result
	proj       *projector
	seq        int // the latest reload; older answers are dropped

	stop chan struct{} // stops the clock that redraws the time on the item
}

func newMeetingScreen(ui *UI, sessions *sessionsScreen) *meetingScreen {
	m := &meetingScreen{ui: ui, sessions: sessions, errs: newErrorLine()}
	m.title = heading("")
	back := widget.NewButtonWithIcon(lang.L("meeting.back"), theme.NavigateBackIcon(), sessions.closeMeeting)
	m.closeBtn = widget.NewButtonWithIcon(lang.L("meeting.close"), theme.MediaStopIcon(), m.askClose)
	m.closeBtn.Importance = widget.WarningImportance
	top := container.NewBorder(nil, nil, back, m.closeBtn, m.title)

	m.agendaList = widget.NewList(func() int { return len(m.d.Agenda) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(m.d.Agenda) {
				o.(*widget.Label).SetText(m.agendaLine(id))
			}
		})
	m.agendaList.OnSelected = func(id widget.ListItemID) {
		if id < len(m.d.Agenda) && m.d.Agenda[id].ID != m.shownID() {
			m.goToItem(m.d.Agenda[id].ID)
		}
	}
	left := container.NewBorder(heading(lang.L("meeting.agenda")), nil, nil, nil, m.agendaList)

	m.itemTitle = heading("")
	m.itemTitle.Wrapping = fyne.TextWrapWord
	m.itemTime = widget.NewLabel("")
	m.approve = widget.NewButtonWithIcon("", theme.ConfirmIcon(), m.approvePrevious)
	m.approve.Importance = widget.HighImportance
	m.approve.Hide()
	m.notes = newShortcutEntry() // multi-line, and F5, F9, F10 work while typing notes
	m.notes.MultiLine = true
	m.notes.Wrapping = fyne.TextWrapWord
	m.notes.SetPlaceHolder(lang.L("meeting.notes_placeholder"))
	m.notes.SetMinRowsVisible(8)
	m.notesSave = m.newNotesSaver()
	m.notes.OnChanged = func(string) {
		if m.notesItem.ID != "" {
			m.notesSave.changed()
		}
	}
	m.decisions = container.NewVBox()
	m.decision = newShortcutEntry()
	m.decision.SetPlaceHolder(lang.L("meeting.decision_placeholder"))
	m.decision.OnSubmitted = func(string) { m.addDecision() }
	m.actions = container.NewVBox()
	m.actWho, m.actWhat, m.actDue = newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	m.actWho.SetPlaceHolder(lang.L("meeting.action_who"))
	m.actWhat.SetPlaceHolder(lang.L("meeting.action_what"))
	m.actDue.SetPlaceHolder(lang.L("meeting.action_due"))
	for _, e := range []*shortcutEntry{m.actWho, m.actWhat, m.actDue} {
		e.OnSubmitted = func(string) { m.addAction() }
	}
	for _, e := range []*shortcutEntry{m.notes, m.decision, m.actWho, m.actWhat, m.actDue} {
		e.onKey[fyne.KeyF5] = m.toggleProjector
	}
	// A decision or action typed and not yet entered is recorded when the window closes.
	newBoxDraft(ui, m.addDecision, m.decision)
	newBoxDraft(ui, m.addAction, m.actWho, m.actWhat, m.actDue)
	m.proposals = container.NewVBox()
	m.propHead = heading("")
	newProp := widget.NewButtonWithIcon(lang.L("meeting.new_proposal"), theme.ContentAddIcon(), m.captureProposal)
	m.votes = newVotePanel(m)
	m.voted = container.NewVBox()
	newVote := widget.NewButtonWithIcon(lang.L("meeting.new_vote"), theme.ConfirmIcon(), m.openVoteForm)
	center := container.NewVBox(
		container.NewBorder(nil, nil, nil, m.itemTime, m.itemTitle), m.approve, m.errs.box, m.votes.content,
		container.NewBorder(nil, nil, nil, m.reservedButton(), widget.NewLabel(lang.L("meeting.notes"))), m.notes,
		heading(lang.L("meeting.decisions")), m.decisions, m.decision,
		heading(lang.L("meeting.actions")), m.actions,
		container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(130, m.actDue.MinSize().Height), m.actDue),
			container.NewGridWithColumns(2, m.actWho, m.actWhat)),
		container.NewBorder(nil, nil, nil, newProp, m.propHead), m.proposals,
		container.NewBorder(nil, nil, nil, newVote, heading(lang.L("meeting.votes"))), m.voted,
	)

	m.reg = newRegisterPanel(ui, m)
	m.speakers = newSpeakersPanel(m)
	center.Objects = append(center.Objects[:4], append([]fyne.CanvasObject{m.speakers.content}, center.Objects[4:]...)...)
	// F8 belongs to the check-in box (a mark taken back): the speakers are on F9 and F10.
	for _, e := range []*shortcutEntry{m.reg.checkin, m.notes, m.decision, m.actWho, m.actWhat, m.actDue} {
		e.onKey[fyne.KeyF9] = m.speakers.add
		e.onKey[fyne.KeyF10] = m.speakers.next
	}
	bar := widget.NewLabel(lang.L("meeting.shortcuts"))
	bar.Importance = widget.LowImportance
	bar.Wrapping = fyne.TextWrapWord

	mid := container.NewHSplit(container.NewVScroll(center), m.reg.content)
	mid.Offset = 0.6
	main := container.NewHSplit(left, mid)
	main.Offset = 0.2
	m.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), bar), nil, nil, main)
	return m
}

// sessionID is the session shown, "" when none.
func (m *meetingScreen) sessionID() string { return m.d.Session.ID }

// open loads a session and shows it; the clock starts.
func (m *meetingScreen) open(id string) {
	m.d = data.Dossier{Session: data.Session{Meta: data.Meta{ID: id}}}
	m.viewID = ""
	m.reload(func() {
		m.ui.win.Canvas().Focus(m.reg.checkin)
	})
	m.startClock()
}

// leave saves what is pending and stops the clock.
func (m *meetingScreen) leave() {
	m.flush()
	m.closeProjector()
	if m.stop != nil {
		close(m.stop)
		m.stop = nil
	}
}

// flush saves the notes still being typed. It waits for the store: the box is about to show another
// item, and what it holds now belongs to this one. Notes that could not be saved (a full disk) stay
// with their own saver, which keeps trying, and the box gets a new one.
func (m *meetingScreen) flush() {
	if m.notesSave.pending() {
		m.notesSave.flushNow()
	}
	if m.notesSave.pending() {
		m.notesSave.detach()
		m.notesSave = m.newNotesSaver()
	}
}

// newNotesSaver saves the notes box over the item it shows.
func (m *meetingScreen) newNotesSaver() *autosaver[agendaText] {
	ui := m.ui
	return &autosaver[agendaText]{ui: ui,
		get: func() agendaText {
			it := m.notesItem
			it.Notes = m.notes.Text
			return agendaText{item: it, base: m.notesItem}
		},
		save:   func(t agendaText) (agendaText, error) { return saveAgendaText(ui.ctx, ui.store, t) },
		meta:   func(t agendaText) data.Meta { return t.item.Meta },
		apply:  func(t agendaText) { m.stored(t.item) },
		report: func(err error) { m.errs.set(i18n.Explain(err)) },
	}
}

// reload reads the session's dossier again and redraws everything, then calls next.
func (m *meetingScreen) reload(next func()) {
	id := m.d.Session.ID
	m.seq++
	seq := m.seq
	var d data.Dossier
	var err error
	m.ui.run(func() { d, err = m.ui.store.Dossier(m.ui.ctx, id) }, func() {
		if seq != m.seq || id != m.d.Session.ID {
			return // a later reload is on its way, or another session is shown
		}
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.d = d
		m.show()
		if next != nil {
			next()
		}
	})
}

// show redraws the screen from the dossier.
func (m *meetingScreen) show() {
	d := m.d
	key := "meeting.title"
	if !m.live() {
		key = "meeting.title_editing"
	}
	m.title.SetText(lang.L(key, map[string]any{"body": d.Body.Name, "date_of": i18n.OfDay(d.Session.Date),
		"started": italian.Clock(d.Session.Started)}))
	if m.live() {
		m.closeBtn.Show()
	} else {
		m.closeBtn.Hide()
	}
	m.agendaList.Refresh()
	if i := m.currentIndex(); i >= 0 {
		keep := m.agendaList.OnSelected
		m.agendaList.OnSelected = nil
		m.agendaList.Select(i)
		m.agendaList.OnSelected = keep
	}
	m.showItem()
	m.speakers.show()
	m.votes.show()
	m.showVotes()
	m.reg.show()
	if m.proj != nil {
		m.proj.update()
	}
}

// live reports whether the session is in corso: the clock runs and moving through the agenda is
// recorded.
func (m *meetingScreen) live() bool { return m.d.Session.Status == data.SessionInCorso }

// shownID is the item the middle column shows: the one under discussion while the session is in
// corso, else the one the secretary chose (the first by default).
func (m *meetingScreen) shownID() string {
	if m.live() {
		return m.d.Session.CurrentItemID
	}
	for _, it := range m.d.Agenda {
		if it.ID == m.viewID {
			return m.viewID
		}
	}
	if len(m.d.Agenda) > 0 {
		return m.d.Agenda[0].ID
	}
	return ""
}

// currentIndex is the position of the shown item in the agenda, -1 when none.
func (m *meetingScreen) currentIndex() int {
	id := m.shownID()
	for i, it := range m.d.Agenda {
		if it.ID == id {
			return i
		}
	}
	return -1
}

func (m *meetingScreen) currentItem() (data.AgendaItem, bool) {
	if i := m.currentIndex(); i >= 0 {
		return m.d.Agenda[i], true
	}
	return data.AgendaItem{}, false
}

// agendaLine is an item of the ordine del giorno as the left column shows it: number, title, a tick
// when dealt with, a pointer on the current one, and the minutes spent.
func (m *meetingScreen) agendaLine(i int) string {
	it := m.d.Agenda[i]
	mark := ""
	switch {
	case it.ID == m.shownID():
		mark = " ◀"
	case it.Done:
		mark = " ✓"
	}
	spent := m.spent(it)
	t := ""
	if spent >= time.Minute {
		t = fmt.Sprintf("  %d'", int(spent.Minutes()))
	}
	return fmt.Sprintf("%d. %s%s%s", i+1, it.Title, mark, t)
}

// spent is the time on an item: what was stored, plus the running time when it is the current one.
func (m *meetingScreen) spent(it data.AgendaItem) time.Duration {
	s := it.Spent
	if it.ID == m.d.Session.CurrentItemID && !m.d.Session.CurrentSince.IsZero() {
		if run := time.Since(m.d.Session.CurrentSince); run > 0 {
			s += run
		}
	}
	return s
}

// showItem fills the middle column with the current item.
func (m *meetingScreen) showItem() {
	it, ok := m.currentItem()
	if m.notesItem.ID != it.ID {
		m.flush()
		m.notesItem = it
		keep := m.notes.OnChanged
		m.notes.OnChanged = nil
		m.notes.SetText(it.Notes)
		m.notes.OnChanged = keep
	} else if it.Notes == m.notesItem.Notes && it.Title == m.notesItem.Title {
		// The stored version moves on (its time, its Done mark): keep it, with the text being typed.
		m.notesItem = it
	} else if !m.notesSave.pending() {
		// Another window wrote these notes, and nothing typed here waits: show theirs.
		m.notesItem = it
		keep := m.notes.OnChanged
		m.notes.OnChanged = nil
		m.notes.SetText(it.Notes)
		m.notes.OnChanged = keep
	}
	// Otherwise another window wrote these notes while they are typed here: the version the box
	// started from is kept, and saving refuses to overwrite theirs (data.EChanged).
	setEnabled(ok, m.notes, m.decision, m.actWho, m.actWhat, m.actDue)
	if !ok {
		m.itemTitle.SetText(lang.L("meeting.no_item"))
		m.itemTime.SetText("")
		m.approve.Hide()
	} else {
		m.itemTitle.SetText(fmt.Sprintf("%d. %s", m.currentIndex()+1, it.Title))
		m.tickItem()
		m.showApproval(it)
	}
	var rows []recordRow
	for _, x := range m.d.ItemDecisions(it.ID) {
		rows = append(rows, recordRow{x.Text, data.Ref{Kind: data.KindDecision, ID: x.ID}})
	}
	m.setRows(m.decisions, rows)
	rows = nil
	for _, x := range m.d.ItemActions(it.ID) {
		due := ""
		if !x.Due.IsZero() {
			due = " — " + lang.L("meeting.action_by", map[string]any{"date": italian.Day(x.Due)})
		}
		rows = append(rows, recordRow{x.Who + ": " + x.What + due, data.Ref{Kind: data.KindActionItem, ID: x.ID}})
	}
	m.setRows(m.actions, rows)
	rows = nil
	for _, p := range m.d.Proposals {
		who := p.ProposerName
		if p.OrganisationName != "" {
			who = strings.TrimSpace(strings.Trim(who+" · "+p.OrganisationName, " ·"))
		}
		text := "[" + italian.Kind(p.Kind) + "] " + p.Title
		if who != "" {
			text += " — " + who
		}
		rows = append(rows, recordRow{text, data.Ref{Kind: data.KindProposal, ID: p.ID}})
	}
	m.setRows(m.proposals, rows)
	m.propHead.SetText(lang.L("meeting.proposals", map[string]any{"count": len(m.d.Proposals)}))
}

// recordRow is a decision, action or proposal as the middle column lists it.
type recordRow struct {
	text string
	ref  data.Ref
}

// setRows lists records, each with a button that deletes it (after asking; the status line offers
// the undo): what was typed by mistake during the meeting can go.
func (m *meetingScreen) setRows(box *fyne.Container, rows []recordRow) {
	box.Objects = nil
	for _, r := range rows {
		l := widget.NewLabel("• " + r.text)
		l.Wrapping = fyne.TextWrapWord
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			m.ui.confirmDelete(r.ref, r.text, func() { m.reload(nil) }, func() { m.reload(nil) })
		})
		del.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, nil, del, l))
	}
	box.Refresh()
}

// stored takes back the item the notes were saved to, so the next save starts from it.
func (m *meetingScreen) stored(it data.AgendaItem) {
	if it.ID == m.notesItem.ID {
		m.notesItem.Meta, m.notesItem.Title, m.notesItem.Notes = it.Meta, it.Title, it.Notes
	}
	for i := range m.d.Agenda {
		if m.d.Agenda[i].ID == it.ID {
			m.d.Agenda[i].Meta, m.d.Agenda[i].Notes = it.Meta, it.Notes
		}
	}
	m.ui.saved()
}

// tickItem redraws the time spent on the current item.
func (m *meetingScreen) tickItem() {
	if it, ok := m.currentItem(); ok {
		s := m.spent(it)
		m.itemTime.SetText(fmt.Sprintf("%d:%02d", int(s.Hours()), int(s.Minutes())%60))
	}
}

// startClock redraws the item's time every few seconds while the screen is shown.
func (m *meetingScreen) startClock() {
	if m.ui.tick <= 0 || m.stop != nil {
		return
	}
	stop := make(chan struct{})
	m.stop = stop
	go func() {
		t := time.NewTicker(m.ui.tick)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() {
					m.tickItem()
					m.speakers.tick()
					m.agendaList.Refresh()
					if m.proj != nil && m.proj.mode == projItem {
						m.proj.update()
					}
				})
			}
		}
	}()
}

// goToItem makes an item the current one (its time starts).
func (m *meetingScreen) goToItem(id string) {
	m.flush()
	if !m.live() {
		m.viewID = id
		m.show()
		m.ui.win.Canvas().Focus(m.notes)
		return
	}
	sessionID := m.d.Session.ID
	var err error
	m.ui.run(func() { _, err = m.ui.store.SetCurrentItem(m.ui.ctx, sessionID, id) }, m.afterMove(&err))
}

// nextItem marks the current item dealt with and moves to the next (Ctrl+Invio).
func (m *meetingScreen) nextItem() {
	m.flush()
	if !m.live() {
		if i := m.currentIndex(); i >= 0 && i+1 < len(m.d.Agenda) {
			m.goToItem(m.d.Agenda[i+1].ID)
		}
		return
	}
	sessionID := m.d.Session.ID
	var err error
	m.ui.run(func() { _, err = m.ui.store.NextItem(m.ui.ctx, sessionID) }, m.afterMove(&err))
}

// previousItem goes back to the item before the current one.
func (m *meetingScreen) previousItem() {
	if i := m.currentIndex(); i > 0 {
		m.goToItem(m.d.Agenda[i-1].ID)
	}
}

func (m *meetingScreen) afterMove(err *error) func() {
	return func() {
		if *err != nil {
			m.errs.set(i18n.Explain(*err))
			return
		}
		m.errs.set("")
		m.ui.saved()
		m.reload(func() { m.ui.win.Canvas().Focus(m.notes) })
	}
}

// showApproval offers, on the first item, to approve the previous session's verbale; once approved it
// says so.
func (m *meetingScreen) showApproval(it data.AgendaItem) {
	prev := m.d.Previous
	if prev == nil || m.currentIndex() != 0 || !m.live() {
		m.approve.Hide()
		return
	}
	date := map[string]any{"date_of": i18n.OfDay(prev.Date)}
	switch prev.Status {
	case data.SessionChiusa:
		m.approve.SetText(lang.L("meeting.approve", date))
		m.approve.Enable()
	case data.SessionApprovata:
		m.approve.SetText(lang.L("meeting.approved", date))
		m.approve.Disable()
	default:
		m.approve.Hide()
		return
	}
	m.approve.Show()
}

// approvePrevious approves the previous session's verbale: its PDF is made now, kept byte for byte in
// the database with its SHA-256, and that session is locked.
func (m *meetingScreen) approvePrevious() {
	prev, item := m.d.Previous, m.d.Session.CurrentItemID
	if prev == nil {
		return
	}
	// A verbale is approved by a valid meeting: without the numero legale there is no approval.
	if q := vote.CheckQuorum(m.d.Body.Rules, m.d.Session.Call, m.d.VoteSeats(), data.PresentSeats(m.d.Register, time.Time{})); !q.Holds {
		m.errs.set(lang.L("meeting.approve_no_quorum", map[string]any{"why": quorumSentence(q)}))
		return
	}
	m.approvalForm(prev, item)
}

// approvalForm asks how the session voted on the previous verbale: all'unanimità dei presenti (the
// default: Enter approves), naming the seats that voted against or abstained, or, where a seat is one
// head, by the totals of a show of hands. The store checks the rest and renders the act.
func (m *meetingScreen) approvalForm(prev *data.Session, item string) {
	var seats []string
	seatOf := map[string]string{}
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PresentAt(time.Time{}) && seatOf[l.SeatName] == "" {
			label := l.SeatName
			if l.PersonName != "" && l.PersonName != l.SeatName {
				label += " (" + l.PersonName + ")"
			}
			seats = append(seats, label)
			seatOf[label] = l.SeatID
		}
	}
	modes := []string{lang.L("meeting.approve_unanimous"), lang.L("meeting.approve_named")}
	byHead := m.d.Body.Rules.Weighting == data.WeightHead
	if byHead {
		modes = append(modes, lang.L("meeting.approve_totals"))
	}
	mode := widget.NewRadioGroup(modes, nil)
	mode.Required = true
	mode.SetSelected(modes[0])
	against, abstained := widget.NewCheckGroup(seats, nil), widget.NewCheckGroup(seats, nil)
	fav, con, ast := newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	named := container.NewGridWithColumns(2,
		container.NewVBox(widget.NewLabel(lang.L("meeting.approve_contrari")), against),
		container.NewVBox(widget.NewLabel(lang.L("meeting.approve_astenuti")), abstained))
	totals := widget.NewForm(widget.NewFormItem(lang.L("meeting.approve_fav"), fav),
		widget.NewFormItem(lang.L("meeting.approve_con"), con), widget.NewFormItem(lang.L("meeting.approve_ast"), ast))
	named.Hide()
	totals.Hide()
	mode.OnChanged = func(s string) {
		named.Hidden, totals.Hidden = s != lang.L("meeting.approve_named"), s != lang.L("meeting.approve_totals")
		named.Refresh()
		totals.Refresh()
	}
	question := widget.NewLabel(lang.L("meeting.approve_question", map[string]any{"date_of": i18n.OfDay(prev.Date)}))
	question.Wrapping = fyne.TextWrapWord
	var d *dialog.ConfirmDialog
	keys := newKeyCatcher(func() { d.Confirm() }, func() { d.Dismiss() })
	content := container.NewVBox(question, mode, named, totals, keys)
	d = dialog.NewCustomConfirm(lang.L("meeting.approve_title"), lang.L("meeting.approve_ok"), lang.L("Cancel"),
		container.NewVScroll(content), func(ok bool) {
			if !ok {
				return
			}
			a := data.Approval{SessionID: prev.ID, InSessionID: m.d.Session.ID, AgendaItemID: item,
				Decision: lang.L("meeting.approved_decision", map[string]any{"date_of": i18n.OfDay(prev.Date)})}
			switch mode.Selected {
			case lang.L("meeting.approve_named"):
				for _, x := range against.Selected {
					a.Contrari = append(a.Contrari, seatOf[x])
				}
				for _, x := range abstained.Selected {
					a.Astenuti = append(a.Astenuti, seatOf[x])
				}
			case lang.L("meeting.approve_totals"):
				var t data.ApprovalTotals
				for _, f := range []struct {
					e *shortcutEntry
					n *int
				}{{fav, &t.Favorevoli}, {con, &t.Contrari}, {ast, &t.Astenuti}} {
					n, err := strconv.Atoi(strings.TrimSpace(cmp.Or(f.e.Text, "0")))
					if err != nil || n < 0 {
						m.errs.set(lang.L("meeting.approve_bad_number", map[string]any{"value": f.e.Text}))
						return
					}
					*f.n = n
				}
				a.Totals = &t
			}
			m.approveNow(prev, a)
		}, m.ui.win)
	wireFieldKeys(d.Confirm, d.Dismiss, fav, con, ast)
	d.Resize(fyne.NewSize(640, 460))
	d.Show()
	m.ui.win.Canvas().Focus(keys)
}

// approveNow has the store approve the previous verbale with the vote given; the store renders and
// keeps the approved PDF.
func (m *meetingScreen) approveNow(prev *data.Session, a data.Approval) {
	m.flush()
	var v data.Verbale
	var err error
	m.ui.run(func() {
		v, err = m.ui.store.ApproveVerbale(m.ui.ctx, a)
	}, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.ui.saved()
		m.ui.status.say(lang.L("meeting.approved_status", map[string]any{"date_of": i18n.OfDay(prev.Date), "sha": v.SHA256}))
		m.reload(nil)
	})
}

// addDecision records the decision typed on the current item.
func (m *meetingScreen) addDecision() {
	it, ok := m.currentItem()
	if !ok || strings.TrimSpace(m.decision.Text) == "" {
		return
	}
	d := data.Decision{SessionID: m.d.Session.ID, AgendaItemID: it.ID, Text: m.decision.Text}
	var err error
	m.ui.run(func() { _, err = m.ui.store.SaveDecision(m.ui.ctx, d) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.errs.set("")
		m.decision.SetText("")
		m.ui.saved()
		m.reload(nil)
	})
}

// addAction records the action item typed on the current item: who, what and by when.
func (m *meetingScreen) addAction() {
	it, ok := m.currentItem()
	if !ok {
		return
	}
	a := data.ActionItem{SessionID: m.d.Session.ID, AgendaItemID: it.ID, Who: m.actWho.Text, What: m.actWhat.Text}
	if due := strings.TrimSpace(m.actDue.Text); due != "" {
		t, err := parseDateTime(due, "")
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		a.Due = t
	}
	for _, l := range m.d.Register {
		if l.PersonName != "" && data.Fold(l.PersonName) == data.Fold(strings.TrimSpace(a.Who)) {
			a.PersonID = l.PersonID
		}
	}
	var err error
	m.ui.run(func() { _, err = m.ui.store.SaveActionItem(m.ui.ctx, a) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.errs.set("")
		for _, e := range []*shortcutEntry{m.actWho, m.actWhat, m.actDue} {
			e.SetText("")
		}
		m.ui.win.Canvas().Focus(m.actWho)
		m.ui.saved()
		m.reload(nil)
	})
}

// askClose asks before closing the session: the end time is recorded and the verbale can be made.
func (m *meetingScreen) askClose() {
	msg := lang.L("meeting.close_question", map[string]any{"body": m.d.Body.Name})
	if v, open := m.openVoteShown(); open && m.d.NotHeld[v.ID] {
		// Closing the session closes the vote, with no ballots from here.
		msg += "\n" + lang.L("vote.close_session_not_held", map[string]any{"subject": v.Subject})
	}
	m.ui.confirm(lang.L("meeting.close"), msg, lang.L("meeting.close"), m.closeSession)
}

// closeSession closes the session and goes back to the list, where the verbale is ready.
func (m *meetingScreen) closeSession() {
	m.flush()
	id := m.d.Session.ID
	var err error
	m.ui.run(func() { _, err = m.ui.store.SetStatus(m.ui.ctx, id, data.SessionChiusa) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.ui.saved()
		m.sessions.closeMeeting()
	})
}
