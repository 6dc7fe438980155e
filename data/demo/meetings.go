package demo

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
)

// registry names the demo's records the way the demo files write them, for the meetings to refer to.
type registry struct {
	people    map[string]string            // "Surname Name" -> person id
	names     map[string]string            // person id -> "Surname Name"
	comuni    map[string]string            // name -> comune id
	orgs      map[string]string            // name -> organisation id
	personOrg map[string]string            // person id -> their organisation's id
	bodies    map[string]data.Body         // by name
	seats     map[string]map[string]string // body name -> seat name (as trasimeno.json names it) -> id
}

// meetingsSource is the shape of assets/demo/meetings.json: the sessions in the order they were held,
// each with a key its records' ids derive from.
type meetingsSource struct {
	// Steps are the Ufficio di Piano's work on the proposals, in the order it was done (see history.go).
	Steps    []stepSource    `json:"steps"`
	Sessions []sessionSource `json:"sessions"`
}

type sessionSource struct {
	Key       string `json:"key"`
	Body      string `json:"body"`
	Status    string `json:"status"`
	Call      string `json:"call"`
	Convened  string `json:"convened"` // when the convocation was made; two weeks before Date when empty
	Date      string `json:"date"`     // the convened day and hour, "2025-02-06 15:00"
	Start     string `json:"start"`    // when it opened that day, "15:15"; empty for a session not held yet
	Place     string `json:"place"`
	President string `json:"president"`
	Secretary string `json:"secretary"`
	// Every member is in the register, present unless listed as absent or excused.
	Absent      []string `json:"absent"`
	Excused     []string `json:"excused"`
	Delegations []struct {
		Seat   string `json:"seat"`
		Person string `json:"person"`
		Act    string `json:"act"` // the delegation's act, when the demo records one
	} `json:"delegations"`
	Guests []string       `json:"guests"`
	Late   map[string]int `json:"late"` // minutes after the start
	Left   map[string]int `json:"left"` // minutes before the end
	Items  []itemSource   `json:"items"`
}

type itemSource struct {
	Title     string           `json:"title"`
	Minutes   int              `json:"minutes"`
	Notes     string           `json:"notes"`
	Decisions []string         `json:"decisions"`
	Actions   []actionSource   `json:"actions"`
	Proposals []proposalSource `json:"proposals"`
}

type actionSource struct {
	Person string `json:"person"`
	Who    string `json:"who"` // an office or a group, when no one person
	What   string `json:"what"`
	Due    string `json:"due"` // "2025-03-15"
	Done   bool   `json:"done"`
	// FollowUp is what the Ufficio di Piano recorded of it after its session, when it did.
	FollowUp *followUpSource `json:"follow_up"`
}

// followUpSource is the follow-up of an action: done on a day, or still open, with a note.
type followUpSource struct {
	Done bool   `json:"done"`
	On   string `json:"on"` // the day it was recorded (and done, when done), "2026-03-12"
	Note string `json:"note"`
}

type proposalSource struct {
	Kind     string `json:"kind"`
	State    string `json:"state"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Target   string `json:"target"`
	Proposer string `json:"proposer"`
	// Org is the organisation the proposal comes from; the proposer's own when empty.
	Org        string   `json:"org"`
	Comuni     []string `json:"comuni"` // names, or allComuni
	Cost       string   `json:"cost"`
	Duration   string   `json:"duration"`
	MergedInto string   `json:"merged_into"` // the title of the proposal it was merged into
}

// allComuni in a proposal's comuni stands for every comune of the Ambito.
const allComuni = "tutti"

// presence is when someone was in the room: the times of their register line.
type presence struct{ arrived, left time.Time }

// meetings builds the records of the demo's meetings into ds.
type meetings struct {
	ds   *data.Dataset
	reg  registry
	ends map[string]time.Time // session key -> when the session was last changed
	// merged holds, for each proposal merged into another, the other's title.
	merged map[int]string
}

// addMeetings adds the sessions of assets/demo/meetings.json to ds, whose registry names them. A name
// the file gets wrong is an error, as in check: the demo must not hold a register line for nobody. It
// returns the Ufficio di Piano's steps on the proposals, dated, for addHistory.
func addMeetings(ds *data.Dataset, reg registry) ([]step, error) {
	var src meetingsSource
	if err := json.Unmarshal(assets.Meetings, &src); err != nil {
		return nil, fmt.Errorf("demo meetings: %w", err)
	}
	m := meetings{ds: ds, reg: reg, ends: map[string]time.Time{}, merged: map[int]string{}}
	for _, ss := range src.Sessions {
		if err := m.session(ss); err != nil {
			return nil, fmt.Errorf("demo meetings, session %s: %w", ss.Key, err)
		}
	}
	titles := map[string]string{}
	for _, p := range ds.Proposals {
		if _, ok := titles[p.Title]; ok {
			return nil, fmt.Errorf("demo meetings: two proposals are titled %q", p.Title) // their ids would clash
		}
		titles[p.Title] = p.ID
	}
	for i := range ds.Proposals {
		p := &ds.Proposals[i]
		if into, ok := m.merged[i]; ok {
			if p.MergedIntoID = titles[into]; p.MergedIntoID == "" {
				return nil, fmt.Errorf("demo meetings: %q is merged into unknown proposal %q", p.Title, into)
			}
		}
	}
	steps := make([]step, 0, len(src.Steps))
	for i, ss := range src.Steps {
		at, err := m.stepTime(ss)
		if err != nil {
			return nil, fmt.Errorf("demo meetings, step %d: %w", i+1, err)
		}
		steps = append(steps, step{at: at, src: ss})
	}
	return steps, nil
}

// stepTime is when the Ufficio di Piano took a step: as the records of the session it follows were
// closed, or at the time the file gives for work done outside a meeting.
func (m *meetings) stepTime(ss stepSource) (time.Time, error) {
	if (ss.After == "") == (ss.At == "") {
		return time.Time{}, fmt.Errorf("want either the session it follows or its time")
	}
	if ss.At != "" {
		return time.ParseInLocation("2006-01-02 15:04", ss.At, data.Zone)
	}
	end, ok := m.ends[ss.After]
	if !ok {
		return time.Time{}, fmt.Errorf("no session held with key %q", ss.After)
	}
	return end, nil
}

// session adds one session with everything recorded in it.
func (m *meetings) session(ss sessionSource) error {
	body, ok := m.reg.bodies[ss.Body]
	if !ok {
		return fmt.Errorf("unknown body %q", ss.Body)
	}
	date, err := time.ParseInLocation("2006-01-02 15:04", ss.Date, data.Zone)
	if err != nil {
		return err
	}
	convened := date.AddDate(0, 0, -14)
	if ss.Convened != "" {
		if convened, err = time.ParseInLocation("2006-01-02 15:04", ss.Convened, data.Zone); err != nil {
			return err
		}
	}
	sess := data.Session{Meta: data.Meta{ID: id("session", ss.Key), Created: convened, Updated: convened},
		BodyID: body.ID, Status: data.SessionStatus(ss.Status), Call: data.Call(ss.Call), Date: date, Place: ss.Place}
	if sess.PresidentID, err = m.person(ss.President); err != nil {
		return err
	}
	if sess.SecretaryID, err = m.person(ss.Secretary); err != nil {
		return err
	}
	if n := len(ss.Items); n < 2 || ss.Items[0].Title != data.DefaultAgenda[0] || ss.Items[n-1].Title != data.DefaultAgenda[1] {
		return fmt.Errorf("the ordine del giorno must open with %q and close with %q", data.DefaultAgenda[0], data.DefaultAgenda[1])
	}
	// A session held is chiusa: an approved one would need the PDF of its verbale, which the program
	// makes, and one in corso would be running on every computer that seeds the demo.
	held := ss.Start != ""
	if held && sess.Status != data.SessionChiusa || !held && sess.Status.Held() {
		return fmt.Errorf("status %q with start %q: a session held is chiusa, one not held has no start", ss.Status, ss.Start)
	}
	if !held {
		return m.convened(ss, sess)
	}
	if sess.Started, err = time.ParseInLocation("2006-01-02 15:04", ss.Date[:10]+" "+ss.Start, data.Zone); err != nil {
		return err
	}
	sess.Ended = sess.Started
	for _, it := range ss.Items {
		sess.Ended = sess.Ended.Add(time.Duration(it.Minutes) * time.Minute)
	}
	// The secretary closes the register and the notes a little after the meeting ends.
	sess.Updated = sess.Ended.Add(20 * time.Minute)
	m.ends[ss.Key] = sess.Updated
	here, err := m.register(ss, sess, body)
	if err != nil {
		return err
	}
	for _, officer := range []string{ss.President, ss.Secretary} {
		if _, ok := here[officer]; !ok {
			return fmt.Errorf("%s presides or takes the minutes but is not present", officer)
		}
	}
	m.ds.Sessions = append(m.ds.Sessions, sess)
	start := sess.Started
	for i, it := range ss.Items {
		end := start.Add(time.Duration(it.Minutes) * time.Minute)
		item := data.AgendaItem{Meta: data.Meta{ID: id("agenda", ss.Key, fmt.Sprint(i+1)),
			Created: convened.Add(time.Duration(i) * time.Second), Updated: end}, SessionID: sess.ID, Position: i + 1,
			Title: it.Title, Notes: it.Notes, Spent: end.Sub(start), Done: true}
		m.ds.Agenda = append(m.ds.Agenda, item)
		if err := m.minutes(ss, body, item, it, start, end, here); err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
		start = end
	}
	return nil
}

// convened adds a session not held yet: its convocation and ordine del giorno, nothing else.
func (m *meetings) convened(ss sessionSource, sess data.Session) error {
	if len(ss.Absent)+len(ss.Excused)+len(ss.Delegations)+len(ss.Guests)+len(ss.Late)+len(ss.Left) > 0 {
		return fmt.Errorf("a session not held has no register")
	}
	m.ds.Sessions = append(m.ds.Sessions, sess)
	for i, it := range ss.Items {
		if it.Minutes != 0 || it.Notes != "" || len(it.Decisions)+len(it.Actions)+len(it.Proposals) > 0 {
			return fmt.Errorf("item %d of a session not held has minutes", i+1)
		}
		t := sess.Created.Add(time.Duration(i) * time.Second)
		m.ds.Agenda = append(m.ds.Agenda, data.AgendaItem{Meta: data.Meta{ID: id("agenda", ss.Key, fmt.Sprint(i+1)),
			Created: t, Updated: t}, SessionID: sess.ID, Position: i + 1, Title: it.Title})
	}
	return nil
}

// register adds the session's register: every seat of the body with its holder or delegate, the
// members without a seat, then the guests. It returns when each person present was in the room.
func (m *meetings) register(ss sessionSource, sess data.Session, body data.Body) (map[string]presence, error) {
	marks := map[string]data.Presence{}
	for _, n := range ss.Absent {
		marks[n] = data.PresenceAssente
	}
	for _, n := range ss.Excused {
		marks[n] = data.PresenceGiustificato
	}
	delegate := map[string]string{} // seat id -> delegate
	acts := map[string]string{}     // seat id -> the delegation's act
	for _, d := range ss.Delegations {
		seat, ok := m.reg.seats[body.Name][d.Seat]
		if !ok {
			return nil, fmt.Errorf("unknown seat %q", d.Seat)
		}
		delegate[seat], acts[seat] = d.Person, d.Act
	}
	type line struct {
		name, seat string
		presence   data.Presence
		delegated  bool
	}
	var lines []line
	mark := func(name string) data.Presence {
		if p, ok := marks[name]; ok {
			return p
		}
		return data.PresencePresente
	}
	var members []data.Membership
	for _, ms := range m.ds.Memberships {
		if ms.BodyID == body.ID {
			members = append(members, ms)
		}
	}
	for _, st := range m.ds.Seats {
		if st.BodyID != body.ID {
			continue
		}
		holder := ""
		for _, ms := range members {
			if ms.SeatID == st.ID && ms.Role != data.RoleDelegato {
				holder = m.reg.names[ms.PersonID]
			}
		}
		if d, ok := delegate[st.ID]; ok {
			lines = append(lines, line{d, st.ID, data.PresencePresente, true})
			if holder != "" {
				p, ok := marks[holder]
				if !ok {
					p = data.PresenceGiustificato // who delegates has sent word
				}
				lines = append(lines, line{holder, st.ID, p, false})
			}
		} else if holder != "" {
			lines = append(lines, line{holder, st.ID, mark(holder), false})
		}
	}
	for _, ms := range members {
		if ms.SeatID == "" && ms.Role != data.RoleDelegato {
			lines = append(lines, line{m.reg.names[ms.PersonID], "", mark(m.reg.names[ms.PersonID]), false})
		}
	}
	for _, g := range ss.Guests {
		for _, l := range lines {
			if l.name == g {
				return nil, fmt.Errorf("guest %s is in the register already", g)
			}
		}
		lines = append(lines, line{g, "", data.PresencePresente, false})
	}

	here := map[string]presence{}
	recorded := map[string]bool{}
	seats := map[string]int{} // seats held by each person present
	for _, l := range lines {
		pid, err := m.person(l.name)
		if err != nil {
			return nil, err
		}
		if recorded[l.name+"/"+l.seat] {
			return nil, fmt.Errorf("%s is in the register twice", l.name)
		}
		recorded[l.name+"/"+l.seat], recorded[l.name] = true, true
		a := data.Attendance{Meta: data.Meta{ID: id("attendance", ss.Key, l.name, l.seat)}, SessionID: sess.ID,
			PersonID: pid, SeatID: l.seat, Presence: l.presence, Delegated: l.delegated}
		if l.delegated {
			a.DelegationAct = acts[l.seat]
		}
		// Absences are marked at the roll call.
		a.Created, a.Updated = sess.Started, sess.Started
		if l.presence == data.PresencePresente {
			a.Arrived = arrival(ss, l.name, sess.Started)
			if mins, ok := ss.Left[l.name]; ok {
				a.Left = sess.Ended.Add(-time.Duration(mins) * time.Minute)
			}
			a.Created, a.Updated = a.Arrived, later(a.Arrived, a.Left)
			here[l.name] = presence{a.Arrived, a.Left}
			if l.seat != "" {
				seats[l.name]++
			}
			if seats[l.name] > body.Rules.Proxies {
				return nil, fmt.Errorf("%s holds more seats than the rules allow", l.name)
			}
		}
		m.ds.Attendance = append(m.ds.Attendance, a)
	}
	for _, names := range [][]string{ss.Absent, ss.Excused, keys(ss.Late), keys(ss.Left)} {
		for _, n := range names {
			if !recorded[n] {
				return nil, fmt.Errorf("%s is not in the register", n)
			}
		}
	}
	return here, nil
}

// arrival is when name came in: the minutes ss says after the start, or a few minutes before it,
// the same for the same person and session on every computer.
func arrival(ss sessionSource, name string, start time.Time) time.Time {
	if mins, ok := ss.Late[name]; ok {
		return start.Add(time.Duration(mins) * time.Minute)
	}
	h := fnv.New32a()
	h.Write([]byte(ss.Key + "/" + name))
	return start.Add(-time.Duration(1+h.Sum32()%20) * time.Minute)
}

// minutes adds what was decided, agreed and proposed on one item, between start and end.
func (m *meetings) minutes(ss sessionSource, body data.Body, item data.AgendaItem, it itemSource, start, end time.Time,
	here map[string]presence) error {
	// Decisions and actions are written as the item closes, a few seconds apart to keep their order.
	at := end.Add(-time.Minute)
	for k, text := range it.Decisions {
		t := at.Add(time.Duration(k) * time.Second)
		m.ds.Decisions = append(m.ds.Decisions, data.Decision{Meta: data.Meta{ID: id("decision", item.ID, fmt.Sprint(k+1)),
			Created: t, Updated: t}, SessionID: item.SessionID, AgendaItemID: item.ID, Text: text})
	}
	for k, a := range it.Actions {
		t := at.Add(time.Duration(len(it.Decisions)+k) * time.Second)
		due, err := time.ParseInLocation("2006-01-02", a.Due, data.Zone)
		if err != nil {
			return err
		}
		x := data.ActionItem{Meta: data.Meta{ID: id("action", item.ID, fmt.Sprint(k+1)), Created: t, Updated: t},
			SessionID: item.SessionID, AgendaItemID: item.ID, Who: a.Who, What: a.What, Due: due, Done: a.Done}
		if a.Person != "" {
			if x.PersonID, err = m.person(a.Person); err != nil {
				return err
			}
			x.Who = a.Person
		}
		if a.Done {
			x.Updated = due.Add(-12 * time.Hour) // ticked off the day before it was due
			if !x.Updated.After(t) {
				return fmt.Errorf("action %q is done before it was agreed", a.What)
			}
		}
		m.ds.Actions = append(m.ds.Actions, x)
		if a.FollowUp != nil {
			f, err := followUp(x, *a.FollowUp)
			if err != nil {
				return fmt.Errorf("action %q: %w", a.What, err)
			}
			m.ds.FollowUps = append(m.ds.FollowUps, f)
		}
	}
	for k, p := range it.Proposals {
		if body.Kind != data.BodyTavoloTematico {
			return fmt.Errorf("proposals are captured at the Tavoli tematici")
		}
		// Proposals are captured as people speak, spread over the item.
		t := start.Add(end.Sub(start) * time.Duration(k+1) / time.Duration(len(it.Proposals)+1))
		x := data.Proposal{Meta: data.Meta{ID: id("proposal", p.Title), Created: t, Updated: t},
			SessionID: item.SessionID, AgendaItemID: item.ID, AreaID: body.AreaID, Kind: data.ProposalKind(p.Kind),
			State: data.ProposalState(p.State), Title: p.Title, Text: p.Text, TargetGroup: p.Target,
			Cost: data.CostBand(p.Cost), Duration: data.TimeBand(p.Duration)}
		if x.State == "" {
			x.State = data.StateProposta
		}
		if err := m.proposal(&x, p, here); err != nil {
			return fmt.Errorf("proposal %q: %w", p.Title, err)
		}
		if p.MergedInto != "" {
			m.merged[len(m.ds.Proposals)] = p.MergedInto
		}
		m.ds.Proposals = append(m.ds.Proposals, x)
	}
	return nil
}

// proposal fills in who proposed x and where, checking the codes the file uses.
func (m *meetings) proposal(x *data.Proposal, p proposalSource, here map[string]presence) error {
	switch x.Cost {
	case data.CostUnknown, data.CostUnder5k, data.Cost5to25k, data.CostOver25k:
	default:
		return fmt.Errorf("unknown cost band %q", p.Cost)
	}
	switch x.Duration {
	case data.TimeUnknown, data.Time3to6, data.Time6to12, data.TimeOver12:
	default:
		return fmt.Errorf("unknown time band %q", p.Duration)
	}
	switch x.State {
	case data.StateProposta, data.StateInValutazione, data.StatePrioritaria, data.StateValidata, data.StateApprovata,
		data.StateInAttuazione, data.StateRealizzata, data.StateRespinta, data.StateAccorpata:
	default:
		return fmt.Errorf("unknown state %q", p.State)
	}
	if (x.State == data.StateAccorpata) != (p.MergedInto != "") {
		return fmt.Errorf("a proposal is merged into another exactly when it is accorpata")
	}
	var err error
	if x.ProposerID, err = m.person(p.Proposer); err != nil {
		return err
	}
	if at, ok := here[p.Proposer]; !ok || at.arrived.After(x.Created) || (!at.left.IsZero() && !at.left.After(x.Created)) {
		return fmt.Errorf("%s was not in the room", p.Proposer)
	}
	x.OrganisationID = m.reg.personOrg[x.ProposerID]
	if p.Org != "" {
		if x.OrganisationID = m.reg.orgs[p.Org]; x.OrganisationID == "" {
			return fmt.Errorf("unknown organisation %q", p.Org)
		}
	}
	for _, c := range p.Comuni {
		if c == allComuni {
			for _, k := range m.ds.Comuni {
				x.ComuneIDs = append(x.ComuneIDs, k.ID)
			}
			continue
		}
		cid, ok := m.reg.comuni[c]
		if !ok {
			return fmt.Errorf("unknown comune %q", c)
		}
		x.ComuneIDs = append(x.ComuneIDs, cid)
	}
	return nil
}

// person is the id of the person named "Surname Name" in the demo file.
func (m *meetings) person(name string) (string, error) {
	pid, ok := m.reg.people[name]
	if !ok {
		return "", fmt.Errorf("unknown person %q", name)
	}
	return pid, nil
}

// later is the later of two times, a zero time counting as none.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// followUp is the follow-up of action x the file describes, recorded at 10:00 of its day.
func followUp(x data.ActionItem, src followUpSource) (data.ActionFollowUp, error) {
	on, err := time.ParseInLocation("2006-01-02", src.On, data.Zone)
	if err != nil {
		return data.ActionFollowUp{}, err
	}
	t := on.Add(10 * time.Hour)
	if x.Done || !t.After(x.Created) {
		return data.ActionFollowUp{}, fmt.Errorf("a follow-up must come after its session, of an action not done there")
	}
	f := data.ActionFollowUp{Meta: data.Meta{ID: id("follow-up", x.ID), Created: t, Updated: t}, ActionItemID: x.ID,
		Done: src.Done, Note: src.Note}
	if src.Done {
		f.DoneOn = on
	}
	return f, f.Validate()
}
