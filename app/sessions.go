// The Sedute section: every body's sessions, the chosen one's details, agenda, next step and documents.

package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// sessionsScreen lists the sessions of every body, the latest first, with the chosen one beside the
// list: its convocation details, its ordine del giorno, what can be done next and its documents.
type sessionsScreen struct {
	detail
	pane    *listPane[data.SessionView]
	content *fyne.Container // the list and detail, or the meeting screen
	split   fyne.CanvasObject
	meeting *meetingScreen

	bodies   []data.Body
	members  []data.MembershipView
	current  data.SessionView
	bodyPick *widget.Select
	body     *widget.Select
	call     *widget.Select
	day      *shortcutEntry
	hour     *shortcutEntry
	place    *shortcutEntry
	// The protocol numbers and dates of the convocation letter and of the verbale.
	convProt, convDate, verbProt, verbDate *shortcutEntry
	speechTimes                            *widget.Check  // the verbale gives each intervention's duration
	started                                *shortcutEntry // the hours the meeting actually opened and closed, fixed by the secretary
	ended                                  *shortcutEntry
	president                              *widget.Select
	secretary                              *widget.Select
	saver                                  *autosaver[data.Session]

	state   *widget.Label // the status in words and what comes next
	locked  *widget.Label // why an approved session cannot change
	actions *fyne.Container
	agenda  *agendaEditor
	docs    *fyne.Container
}

func newSessionsScreen(ui *UI) *sessionsScreen {
	s := &sessionsScreen{detail: newDetail(ui, data.KindSession, "sessions.none")}
	s.pane = newListPane(ui, []string{"col.date", "col.body", "col.status", "col.present"}, []float32{3, 4, 2, 1.3},
		func(v data.SessionView, col int) string {
			switch col {
			case 0:
				return italian.DateTime(v.Date)
			case 1:
				return v.BodyName
			case 2:
				return lang.L("sstatus." + string(v.Status))
			}
			if !v.Status.Held() {
				return ""
			}
			return italian.Int(v.Present)
		})
	s.pane.id = func(v data.SessionView) string { return v.ID }
	s.pane.current = func() string { return s.meta.ID }
	s.pane.onSelect = s.load
	s.bodyPick = newSelect(nil, func(string) { s.pane.refresh() })
	s.pane.extra = func() string {
		if i := s.bodyPick.SelectedIndex(); i > 0 && i-1 < len(s.bodies) {
			return s.bodies[i-1].ID
		}
		return ""
	}
	s.pane.load = func(filter, bodyID string) ([]data.SessionView, func(), error) {
		list, err := ui.store.Sessions(ui.ctx, data.SessionFilter{BodyID: bodyID})
		if err != nil {
			return nil, nil, err
		}
		bodies, err := ui.store.Bodies(ui.ctx)
		list = filterText(list, filter, func(v data.SessionView) string {
			return strings.Join([]string{v.BodyName, v.AreaName, v.Place, italian.Day(v.Date),
				lang.L("sstatus." + string(v.Status))}, " ")
		})
		return list, func() { s.setBodies(bodies) }, err
	}
	s.pane.table.filter.OnSubmitted = func(string) { s.focus() }

	s.body = newSelect(nil, func(string) { s.bodyChanged() })
	s.call = newSelect([]string{lang.L("call.prima"), lang.L("call.seconda")}, func(string) { s.changed() })
	s.day, s.hour, s.place = newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	s.started, s.ended = newShortcutEntry(), newShortcutEntry()
	s.started.SetPlaceHolder(lang.L("field.started_placeholder"))
	s.ended.SetPlaceHolder(lang.L("field.ended_placeholder"))
	s.day.SetPlaceHolder(lang.L("field.day_placeholder"))
	s.hour.SetPlaceHolder(lang.L("field.hour_placeholder"))
	s.place.SetPlaceHolder(lang.L("field.place_placeholder"))
	s.convProt, s.convDate, s.verbProt, s.verbDate = newShortcutEntry(), newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	s.convProt.SetPlaceHolder(lang.L("field.protocol_placeholder"))
	s.verbProt.SetPlaceHolder(lang.L("field.protocol_placeholder"))
	s.convDate.SetPlaceHolder(lang.L("field.protocol_date_placeholder"))
	s.verbDate.SetPlaceHolder(lang.L("field.protocol_date_placeholder"))
	for _, e := range []*shortcutEntry{s.day, s.hour, s.place, s.started, s.ended, s.convProt, s.convDate, s.verbProt, s.verbDate} {
		e.OnChanged = func(string) { s.changed() }
		e.onKey[fyne.KeyEscape] = s.focusFilter
	}
	s.speechTimes = widget.NewCheck(lang.L("field.speech_times"), func(bool) { s.changed() })
	s.president = newSelect(nil, func(string) { s.changed() })
	s.secretary = newSelect(nil, func(string) { s.changed() })
	s.saver = &autosaver[data.Session]{ui: ui, get: s.session,
		save:   func(v data.Session) (data.Session, error) { return s.validSave(v) },
		meta:   func(v data.Session) data.Meta { return v.Meta },
		apply:  func(v data.Session) { s.meta = v.Meta; s.current.Session = v; s.del.Enable() },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after: func(v data.Session, created bool) {
			s.title.SetText(s.sessionTitle())
			if created {
				s.refresh()
				s.loadAgenda()
				s.showState()
			} else {
				s.pane.update(s.current)
			}
		}}
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.body"), s.body),
		widget.NewFormItem(lang.L("field.call"), s.call),
		widget.NewFormItem(lang.L("field.day"), container.NewGridWithColumns(2, s.day, s.hour)),
		widget.NewFormItem(lang.L("field.place"), s.place),
		widget.NewFormItem(lang.L("field.held"), container.NewGridWithColumns(2, s.started, s.ended)),
		widget.NewFormItem(lang.L("field.president"), s.president),
		widget.NewFormItem(lang.L("field.secretary"), s.secretary),
		widget.NewFormItem(lang.L("field.convocation_protocol"), container.NewGridWithColumns(2, s.convProt, s.convDate)),
		widget.NewFormItem(lang.L("field.verbale_protocol"), container.NewGridWithColumns(2, s.verbProt, s.verbDate)),
		widget.NewFormItem("", s.speechTimes),
	)
	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord
	s.locked = widget.NewLabel("")
	s.locked.Wrapping = fyne.TextWrapWord
	s.locked.Importance = widget.WarningImportance
	s.locked.Hide()
	s.actions = container.NewHBox()
	// The documents wrap onto a second row rather than widen the pane.
	s.docs = container.New(layout.NewRowWrapLayout())
	s.agenda = newAgendaEditor(ui, func() { s.showState() })
	list := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(lang.L("field.body")), nil, s.bodyPick),
		nil, nil, nil, s.pane.table.content)
	s.split = s.layout("sessions.new", list, 0.45, nil,
		widget.NewSeparator(), s.state, s.locked, s.actions,
		widget.NewSeparator(), heading(lang.L("sessions.agenda")), s.agenda.content,
		widget.NewSeparator(), heading(lang.L("sessions.documents")), s.docs)
	s.content = container.NewStack(s.split)
	s.meeting = newMeetingScreen(ui, s)
	s.table, s.first = s.pane.table, s.body
	s.fields = []fyne.Disableable{s.body, s.call, s.day, s.hour, s.place, s.started, s.ended, s.president, s.secretary,
		s.convProt, s.convDate, s.verbProt, s.verbDate, s.speechTimes}
	s.flush = s.saver.flush
	s.fresh = s.newSession
	s.blank = func() { s.load(data.SessionView{}) }
	s.label = s.sessionTitle
	s.reload = s.pane.refresh
	s.onEnable = func(on bool) {
		if s.current.Status.Locked() {
			setEnabled(false, s.fields...)
			s.del.Disable()
		}
		if !s.current.Status.Held() {
			setEnabled(false, s.started, s.ended) // a meeting not held yet has no hours of its own
		}
	}
	s.enable(false)
	return s
}

// refresh queries the sessions again.
func (s *sessionsScreen) refresh() { s.pane.refresh() }

// setBodies fills the two body choices: the list's filter and the form's field.
func (s *sessionsScreen) setBodies(bodies []data.Body) {
	s.bodies = bodies
	names := make([]string, len(bodies))
	for i, b := range bodies {
		names[i] = b.Name
	}
	keep, keepPick := s.body.Selected, s.bodyPick.Selected
	s.loading = true
	s.body.SetOptions(names)
	s.body.SetSelected(keep)
	s.bodyPick.OnChanged = nil
	s.bodyPick.SetOptions(append([]string{lang.L("sessions.all_bodies")}, names...))
	if keepPick == "" {
		keepPick = lang.L("sessions.all_bodies")
	}
	s.bodyPick.SetSelected(keepPick)
	s.bodyPick.OnChanged = func(string) { s.pane.refresh() }
	s.loading = false
}

// newSession starts a session for the body chosen in the list's filter (or the first), next week at
// the usual hour, at the capofila.
func (s *sessionsScreen) newSession() {
	day := time.Now().In(data.Zone).AddDate(0, 0, 7)
	v := data.SessionView{Session: data.Session{Status: data.SessionBozza, Call: data.CallPrima,
		Date: time.Date(day.Year(), day.Month(), day.Day(), 15, 0, 0, 0, data.Zone)}}
	if i := s.bodyPick.SelectedIndex(); i > 0 && i-1 < len(s.bodies) {
		v.BodyID = s.bodies[i-1].ID
	}
	s.load(v)
}

// load shows a session in the form, its agenda and what can be done with it.
func (s *sessionsScreen) load(v data.SessionView) {
	if s.saver.pending() {
		s.saver.flush()
	}
	s.loading = true
	s.meta, s.current = v.Meta, v
	s.body.SetSelected("")
	for _, b := range s.bodies {
		if b.ID == v.BodyID {
			s.body.SetSelected(b.Name)
		}
	}
	s.call.SetSelected(lang.L("call." + string(orCall(v.Call))))
	s.day.SetText(italian.Date(v.Date))
	s.hour.SetText(italian.Clock(v.Date))
	s.place.SetText(v.Place)
	s.started.SetText(italian.Clock(v.Started))
	s.ended.SetText(italian.Clock(v.Ended))
	s.convProt.SetText(v.ConvocationProtocol)
	s.convDate.SetText(italian.Date(v.ConvocationDate))
	s.verbProt.SetText(v.VerbaleProtocol)
	s.verbDate.SetText(italian.Date(v.VerbaleDate))
	s.speechTimes.SetChecked(v.SpeechTimes)
	s.loading = false
	s.errs.set("")
	s.loadMembers(v.BodyID, v.PresidentID, v.SecretaryID)
	s.enable(v.BodyID != "" || v.ID == "")
	switch {
	case v.ID == "" && v.BodyID == "" && v.Date.IsZero():
		s.title.SetText(lang.L(s.noneKey))
		s.enable(false)
	case v.ID == "":
		s.title.SetText(lang.L("sessions.new_title"))
	default:
		s.title.SetText(s.sessionTitle())
	}
	s.loadAgenda()
	s.showState()
}

func orCall(c data.Call) data.Call {
	if c == "" {
		return data.CallPrima
	}
	return c
}

// loadMembers fills the choices of who presides and who takes the minutes with the body's members.
func (s *sessionsScreen) loadMembers(bodyID, president, secretary string) {
	if bodyID == "" {
		s.setMembers(nil, president, secretary)
		return
	}
	var members []data.MembershipView
	var err error
	s.ui.run(func() { members, err = s.ui.store.Memberships(s.ui.ctx, bodyID) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.setMembers(members, president, secretary)
	})
}

func (s *sessionsScreen) setMembers(members []data.MembershipView, president, secretary string) {
	seen := map[string]bool{}
	s.members = s.members[:0]
	opts := []string{lang.L("person.none")}
	for _, m := range members {
		if seen[m.PersonID] {
			continue
		}
		seen[m.PersonID] = true
		s.members = append(s.members, m)
		opts = append(opts, m.PersonName)
	}
	s.loading = true
	defer func() { s.loading = false }()
	for _, pick := range []struct {
		w  *widget.Select
		id string
	}{{s.president, president}, {s.secretary, secretary}} {
		pick.w.SetOptions(opts)
		pick.w.SetSelected(lang.L("person.none"))
		for _, m := range s.members {
			if m.PersonID == pick.id {
				pick.w.SetSelected(m.PersonName)
			}
		}
	}
}

// bodyChanged reloads the members of the newly chosen body, then saves.
func (s *sessionsScreen) bodyChanged() {
	if s.loading {
		return
	}
	if i := s.body.SelectedIndex(); i >= 0 && i < len(s.bodies) {
		s.loadMembers(s.bodies[i].ID, "", "")
	}
	s.changed()
}

func (s *sessionsScreen) changed() {
	if !s.loading {
		s.saver.changed()
	}
}

// session is the form's session now. Fields that cannot be read (a date typed halfway) leave the
// stored value, and validSave says what is wrong.
func (s *sessionsScreen) session() data.Session {
	v := s.current.Session
	v.Meta = s.meta
	if i := s.body.SelectedIndex(); i >= 0 && i < len(s.bodies) {
		v.BodyID = s.bodies[i].ID
	}
	v.Call = data.CallPrima
	if s.call.SelectedIndex() == 1 {
		v.Call = data.CallSeconda
	}
	if t, err := parseDateTime(s.day.Text, s.hour.Text); err == nil {
		v.Date = t
	} else {
		v.Date = time.Time{}
	}
	v.Place = s.place.Text
	if v.Status.Held() {
		v.Started = heldAt(v.Started, v.Date, s.started.Text)
		v.Ended = heldAt(v.Ended, v.Date, s.ended.Text)
	}
	v.ConvocationProtocol, v.VerbaleProtocol = s.convProt.Text, s.verbProt.Text
	v.ConvocationDate, v.VerbaleDate = protocolDay(s.convDate.Text), protocolDay(s.verbDate.Text)
	v.SpeechTimes = s.speechTimes.Checked
	v.PresidentID, v.SecretaryID = "", ""
	if i := s.president.SelectedIndex(); i > 0 && i-1 < len(s.members) {
		v.PresidentID = s.members[i-1].PersonID
	}
	if i := s.secretary.SelectedIndex(); i > 0 && i-1 < len(s.members) {
		v.SecretaryID = s.members[i-1].PersonID
	}
	return v
}

// validSave saves the session, or explains the date or hour that cannot be read.
func (s *sessionsScreen) validSave(v data.Session) (data.Session, error) {
	if _, err := parseDateTime(s.day.Text, s.hour.Text); err != nil && v.Date.IsZero() {
		return v, err
	}
	for _, e := range []*shortcutEntry{s.convDate, s.verbDate} {
		if t := strings.TrimSpace(e.Text); t != "" {
			if _, err := parseDateTime(t, ""); err != nil {
				return v, err
			}
		}
	}
	for _, e := range []*shortcutEntry{s.started, s.ended} {
		if t := strings.TrimSpace(e.Text); t != "" && v.Status.Held() {
			if _, err := parseDateTime("01/01/2000", t); err != nil {
				return v, err
			}
		}
	}
	return s.ui.store.SaveSession(s.ui.ctx, v)
}

func (s *sessionsScreen) sessionTitle() string {
	name := s.body.Selected
	if name == "" {
		return lang.L("sessions.new_title")
	}
	return lang.L("sessions.title", map[string]any{"body": name, "date": italian.Day(s.current.Date)})
}

// loadAgenda shows the session's ordine del giorno.
func (s *sessionsScreen) loadAgenda() {
	s.agenda.load(s.current.Session)
}

// showState says where the session is and offers the next step, and the documents it has.
func (s *sessionsScreen) showState() {
	v := s.current
	s.actions.Objects = nil
	s.docs.Objects = nil
	s.locked.Hide()
	if v.ID == "" {
		s.state.SetText("")
		s.actions.Refresh()
		s.docs.Refresh()
		return
	}
	s.state.SetText(lang.L("sessions.state."+string(v.Status), map[string]any{
		"started": italian.Clock(v.Started), "ended": italian.Clock(v.Ended)}))
	add := func(key string, icon fyne.Resource, important bool, f func()) {
		b := widget.NewButtonWithIcon(lang.L(key), icon, f)
		if important {
			b.Importance = widget.HighImportance
		}
		s.actions.Add(b)
	}
	switch v.Status {
	case data.SessionBozza:
		add("sessions.convene", theme.MailSendIcon(), true, func() { s.move(data.SessionConvocata) })
	case data.SessionConvocata:
		add("sessions.start", theme.MediaPlayIcon(), true, func() { s.start(v.Session) })
		add("sessions.withdraw", theme.ContentUndoIcon(), false, func() { s.move(data.SessionBozza) })
	case data.SessionInCorso:
		add("sessions.open_meeting", theme.MediaPlayIcon(), true, func() { s.openMeeting(v.ID) })
	case data.SessionChiusa:
		add("sessions.edit_minutes", theme.DocumentCreateIcon(), true, func() { s.openMeeting(v.ID) })
		add("sessions.reopen", theme.ContentUndoIcon(), false, func() { s.move(data.SessionInCorso) })
	case data.SessionApprovata:
		s.showLocked(v)
		add("sessions.correct", theme.DocumentCreateIcon(), true, s.correct)
	}
	s.actions.Add(s.ui.historyButton(func() string { return v.ID }, s.sessionTitle))
	doc := func(key string, kind DocKind) {
		s.docs.Add(widget.NewButtonWithIcon(lang.L(key), theme.DocumentSaveIcon(), func() { s.ui.exportDocument(v.ID, kind) }))
	}
	doc("doc.convocazione", docConvocazione)
	doc("doc.ics", docCalendar)
	doc("doc.presenze", docPresenze)
	if v.Status.Held() {
		doc("doc.verbale", docVerbale)
		doc("doc.verbale_publication", docVerbalePublication)
	}
	s.actions.Refresh()
	s.docs.Refresh()
	s.enable(true)
}

// showLocked says why an approved session cannot change, and shows its verbale's fingerprint.
func (s *sessionsScreen) showLocked(v data.SessionView) {
	var vb data.Verbale
	var err error
	s.ui.run(func() { vb, err = s.ui.store.Verbale(s.ui.ctx, v.ID) }, func() {
		if err != nil {
			s.locked.SetText(i18n.Explain(err))
		} else {
			s.locked.SetText(lang.L("sessions.locked", map[string]any{"date": italian.Day(vb.Approved),
				"sha": vb.SHA256}))
		}
		s.locked.Show()
	})
}

// move takes the session to its next (or previous) status.
func (s *sessionsScreen) move(to data.SessionStatus) {
	if s.saver.pending() {
		s.saver.flush()
	}
	id := s.meta.ID
	var v data.Session
	var err error
	s.ui.run(func() { v, err = s.ui.store.SetStatus(s.ui.ctx, id, to) }, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		s.ui.saved()
		s.reopen(id, func() {
			if to == data.SessionInCorso {
				s.openMeeting(v.ID)
			}
		})
	})
}

// start starts the session, asking first when today is not the day it was convened for: the verbale
// will state the day it was really held, and a session started by mistake is hard to explain.
func (s *sessionsScreen) start(v data.Session) {
	today := s.ui.now()
	if v.Date.IsZero() || data.SameDay(today, v.Date) {
		s.move(data.SessionInCorso)
		return
	}
	msg := lang.L("sessions.start_off_day", map[string]any{"convened": italian.WeekdayDay(v.Date),
		"today": italian.WeekdayDay(today)})
	s.ui.confirm(lang.L("sessions.start_off_day_title"), msg, lang.L("sessions.start_ok"), func() {
		s.move(data.SessionInCorso)
	})
}

// reopen reloads a session from the store and shows it, then calls next.
func (s *sessionsScreen) reopen(id string, next func()) {
	var v data.SessionView
	var err error
	s.ui.run(func() { v, err = s.ui.store.Session(s.ui.ctx, id) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.load(v)
		s.refresh()
		if next != nil {
			next()
		}
	})
}

// correct starts the correction act of an approved session and shows it.
func (s *sessionsScreen) correct() {
	orig := s.current
	day := time.Now().In(data.Zone).AddDate(0, 0, 7)
	date := time.Date(day.Year(), day.Month(), day.Day(), 15, 0, 0, 0, data.Zone)
	title := lang.L("sessions.correction_item", map[string]any{"date_of": i18n.OfDay(orig.Date)})
	var c data.Session
	var err error
	s.ui.run(func() { c, err = s.ui.store.Correct(s.ui.ctx, orig.ID, title, date) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.saved()
		s.reopen(c.ID, nil)
	})
}

// openMeeting shows the live meeting screen of a session in corso in place of the list.
func (s *sessionsScreen) openMeeting(id string) {
	if s.saver.pending() {
		s.saver.flush()
	}
	s.content.Objects = []fyne.CanvasObject{s.meeting.content}
	s.content.Refresh()
	s.ui.setMeetingMenu(true)
	s.meeting.open(id)
}

// closeMeeting goes back from the meeting screen to the list, showing the session.
func (s *sessionsScreen) closeMeeting() {
	id := s.meeting.sessionID()
	s.meeting.leave()
	s.content.Objects = []fyne.CanvasObject{s.split}
	s.content.Refresh()
	s.ui.setMeetingMenu(false)
	if id != "" {
		s.reopen(id, nil)
	}
}

// inMeeting reports whether the meeting screen is shown.
func (s *sessionsScreen) inMeeting() bool {
	return len(s.content.Objects) > 0 && s.content.Objects[0] == s.meeting.content
}

// heldAt is the hour typed for the meeting's actual start or end, on the day the meeting was held
// (the day of the stored time, else the convened day); what cannot be read keeps the stored time.
func heldAt(stored, day time.Time, hour string) time.Time {
	if strings.TrimSpace(hour) == "" {
		return time.Time{}
	}
	if !stored.IsZero() {
		day = stored
	}
	t, err := parseDateTime(day.In(data.Zone).Format("02/01/2006"), hour)
	if err != nil {
		return stored
	}
	return t
}

// parseDateTime reads a day typed as 12/03/2027 (or 12-03-2027, 12.3.27) and an hour as 15:00 or
// 15.00, in the Ambito's time zone.
func parseDateTime(day, hour string) (time.Time, error) {
	day = strings.NewReplacer("-", "/", ".", "/", " ", "").Replace(strings.TrimSpace(day))
	var d time.Time
	var err error
	for _, layout := range []string{"2/1/2006", "2/1/06"} {
		if d, err = time.ParseInLocation(layout, day, data.Zone); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, data.Errorf(data.EInvalid, "err.session.day_format", "value", day)
	}
	hour = strings.ReplaceAll(strings.TrimSpace(hour), ".", ":")
	if hour == "" {
		hour = "00:00"
	}
	h, err := time.ParseInLocation("15:04", hour, data.Zone)
	if err != nil {
		return time.Time{}, data.Errorf(data.EInvalid, "err.session.hour_format", "value", hour)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), h.Hour(), h.Minute(), 0, 0, data.Zone), nil
}

// protocolDay reads the date of a protocol, zero when blank or not (yet) a date.
func protocolDay(text string) time.Time {
	if strings.TrimSpace(text) == "" {
		return time.Time{}
	}
	t, err := parseDateTime(text, "")
	if err != nil {
		return time.Time{}
	}
	return t
}
