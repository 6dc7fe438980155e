package demo

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// votesSource is the shape of assets/demo/votes.json: the votes held in the demo's sessions, in the
// order they were held.
type votesSource struct {
	Votes []voteSource `json:"votes"`
}

// voteSource is one vote, naming things as the other demo files name them: the session by its key, a
// seat by its name in trasimeno.json, an option by a short key standing for its proposal's title.
type voteSource struct {
	Session string `json:"session"`
	Item    int    `json:"item"` // the agenda item's position
	// Opens and Closes are minutes after the agenda item started.
	Opens    int             `json:"opens"`
	Closes   int             `json:"closes"`
	Method   data.VoteMethod `json:"method"`
	Subject  string          `json:"subject"`
	Secret   bool            `json:"secret"`
	TieBreak data.TieBreak   `json:"tie_break"` // overrides the body's rule when set
	Options  []struct {
		Key      string `json:"key"`
		Proposal string `json:"proposal"` // its title
	} `json:"options"`
	Criteria []data.VoteCriterion `json:"criteria"`
	// Covers names, by title, the proposals a validation vote of the Tavolo Alto or of the Tavolo dei
	// Sindaci decides on (a motion on the priority list).
	Covers   []string          `json:"covers"`
	Settings data.VoteSettings `json:"settings"`
	Voted    []string          `json:"voted"` // in a secret vote, the seats that voted
	Ballots  []ballotSource    `json:"ballots"`
}

// ballotSource is a seat's ballot, or Count anonymous ones (a secret vote's totals). Scores lists an
// option's score on each criterion, in the vote's order of criteria.
type ballotSource struct {
	Voter      string           `json:"voter"`
	Count      int              `json:"count"`
	Choice     string           `json:"choice"`
	Allocation map[string]int   `json:"allocation"`
	Ranking    []string         `json:"ranking"`
	Scores     map[string][]int `json:"scores"`
	Approve    []string         `json:"approve"`
}

// voting builds the demo's votes into ds, whose meetings are already there.
type voting struct {
	ds        *data.Dataset
	reg       registry
	sessions  map[string]data.Session
	items     map[string]data.AgendaItem
	proposals map[string]data.Proposal // by title
	bodies    map[string]data.Body
	seatNames map[string]string // seat id -> its name, as the store shows it
	comuni    map[string]data.Comune
}

// addVotes adds the votes of assets/demo/votes.json to ds. Each is recorded as the meeting screen
// records it: the seats with their weight and presence, and the quorum, when it opened; the ballots
// while it was open; who voted, apart from the anonymous ballots, in a secret vote.
func addVotes(ds *data.Dataset, reg registry) error {
	var src votesSource
	if err := json.Unmarshal(assets.Votes, &src); err != nil {
		return fmt.Errorf("demo votes: %w", err)
	}
	w := voting{ds: ds, reg: reg, sessions: map[string]data.Session{}, items: map[string]data.AgendaItem{},
		proposals: map[string]data.Proposal{}, bodies: map[string]data.Body{}, seatNames: map[string]string{},
		comuni: map[string]data.Comune{}}
	for _, x := range ds.Sessions {
		w.sessions[x.ID] = x
	}
	for _, x := range ds.Agenda {
		w.items[x.ID] = x
	}
	for _, x := range ds.Proposals {
		w.proposals[x.Title] = x
	}
	for _, x := range ds.Bodies {
		w.bodies[x.ID] = x
	}
	for _, seats := range reg.seats {
		for name, sid := range seats {
			w.seatNames[sid] = name
		}
	}
	for _, x := range ds.Comuni {
		w.comuni[x.ID] = x
	}
	for i, vs := range src.Votes {
		if err := w.add(vs); err != nil {
			return fmt.Errorf("demo votes, vote %d in session %s: %w", i+1, vs.Session, err)
		}
	}
	return nil
}

// add adds one vote with its ballots and, when secret, who voted.
func (w *voting) add(vs voteSource) error {
	sess, ok := w.sessions[id("session", vs.Session)]
	if !ok || sess.Started.IsZero() {
		return fmt.Errorf("no session held with key %q", vs.Session)
	}
	item, ok := w.items[id("agenda", vs.Session, fmt.Sprint(vs.Item))]
	if !ok {
		return fmt.Errorf("no item %d", vs.Item)
	}
	// An item held is updated when it ends, having taken Spent.
	start, end := item.Updated.Add(-item.Spent), item.Updated
	opened := start.Add(time.Duration(vs.Opens) * time.Minute)
	closed := start.Add(time.Duration(vs.Closes) * time.Minute)
	if vs.Opens <= 0 || vs.Closes <= vs.Opens || !closed.Before(end) {
		return fmt.Errorf("opens at %d and closes at %d minutes: not within the item's %v", vs.Opens, vs.Closes, item.Spent)
	}
	if vs.Settings.Seed == 0 {
		return fmt.Errorf("no seed: a lot must be redone the same on every computer")
	}
	body := w.bodies[sess.BodyID]
	v := data.Vote{Meta: data.Meta{ID: id("vote", vs.Session, fmt.Sprint(vs.Item), fmt.Sprint(vs.Opens)), Created: opened,
		Updated: closed}, SessionID: sess.ID, AgendaItemID: item.ID, Subject: vs.Subject, Method: vs.Method,
		Secret: vs.Secret, Rules: body.Rules, Status: data.VoteChiusa, Opened: opened, Closed: closed,
		Criteria: vs.Criteria, Settings: vs.Settings}
	if vs.TieBreak != "" {
		v.Rules.TieBreak = vs.TieBreak
	}

	// The seats as the vote opened, weighed and checked for the quorum as OpenVote does.
	var lines []data.RegisterLine
	for _, a := range w.ds.Attendance {
		if a.SessionID == sess.ID {
			lines = append(lines, data.RegisterLine{Attendance: a})
		}
	}
	present := data.PresentSeats(lines, opened)
	seats := map[string]string{} // name -> id
	var opening []vote.OpeningSeat
	for _, st := range w.ds.Seats {
		if st.BodyID != body.ID {
			continue
		}
		name, pop := w.seatNames[st.ID], w.comuni[st.ComuneID].Population
		seats[name] = st.ID
		opening = append(opening, vote.OpeningSeat{ID: st.ID, Label: name, Population: int64(pop)})
	}
	if q := vote.RecordOpening(&v, sess.Call, opening, present); !q.Holds {
		return fmt.Errorf("the quorum does not hold when the vote opens")
	}

	options := map[string]string{} // key -> proposal id
	for _, o := range vs.Options {
		p, ok := w.proposals[o.Proposal]
		if !ok || p.Created.After(opened) {
			return fmt.Errorf("no proposal %q captured before the vote", o.Proposal)
		}
		options[o.Key] = p.ID
		v.Options = append(v.Options, data.VoteOption{ID: p.ID, Label: p.Title})
	}
	for _, title := range vs.Covers {
		p, ok := w.proposals[title]
		if !ok || p.Created.After(opened) {
			return fmt.Errorf("covers no proposal %q captured before the vote", title)
		}
		v.Covers = append(v.Covers, p.ID)
	}
	if err := v.Validate(); err != nil {
		return err
	}
	w.ds.Votes = append(w.ds.Votes, v)

	voted := 0
	for _, name := range vs.Voted {
		sid, ok := seats[name]
		if !vs.Secret || !ok || !present[sid] {
			return fmt.Errorf("%s is marked as having voted: want a seat present, in a secret vote", name)
		}
		w.ds.Turnout = append(w.ds.Turnout, data.VoteTurnout{Meta: data.Meta{ID: id("voted", v.ID, name), Created: opened,
			Updated: opened}, VoteID: v.ID, SeatID: sid})
	}
	cast := map[string]bool{}
	for k, bs := range vs.Ballots {
		b, err := ballot(bs, options, v.Criteria)
		if err != nil {
			return fmt.Errorf("ballot %d: %w", k+1, err)
		}
		b.VoteID = v.ID
		if bs.Voter == "" {
			// Anonymous ballots are a secret vote's: timeless, as the store keeps them.
			if !vs.Secret {
				return fmt.Errorf("ballot %d has no voter in an open vote", k+1)
			}
			b.ID, b.Created, b.Updated = id("ballot", v.ID, fmt.Sprint(k+1)), opened, opened
			voted += b.Count
		} else {
			sid, ok := seats[bs.Voter]
			if vs.Secret || !ok || !present[sid] || cast[sid] {
				return fmt.Errorf("%s casts a ballot: want a seat present, once, in an open vote", bs.Voter)
			}
			cast[sid] = true
			// Ballots are entered one after another while the vote is open.
			at := opened.Add((closed.Sub(opened) * time.Duration(k+1) / time.Duration(len(vs.Ballots)+1)).Truncate(time.Second))
			b.ID, b.Voter, b.Count, b.Created, b.Updated = id("ballot", v.ID, bs.Voter), sid, 1, at, at
		}
		w.ds.Ballots = append(w.ds.Ballots, b)
	}
	if vs.Secret && voted != len(vs.Voted) {
		return fmt.Errorf("%d ballots from %d seats that voted", voted, len(vs.Voted))
	}
	return nil
}

// ballot is the stored form of bs: option keys made proposal ids, scores by criterion. A key the
// vote does not have is an error: the demo's schede nulle break a rule of the count, not the file.
func ballot(bs ballotSource, options map[string]string, criteria []data.VoteCriterion) (data.VoteBallot, error) {
	b := data.VoteBallot{Count: bs.Count, Choice: bs.Choice}
	option := func(key string) (string, error) {
		oid, ok := options[key]
		if !ok {
			return "", fmt.Errorf("unknown option %q", key)
		}
		return oid, nil
	}
	list := func(keys []string) ([]string, error) {
		var out []string
		for _, key := range keys {
			oid, err := option(key)
			if err != nil {
				return nil, err
			}
			out = append(out, oid)
		}
		return out, nil
	}
	var err error
	if b.Ranking, err = list(bs.Ranking); err != nil {
		return b, err
	}
	if b.Approve, err = list(bs.Approve); err != nil {
		return b, err
	}
	for key, n := range bs.Allocation {
		oid, err := option(key)
		if err != nil {
			return b, err
		}
		if b.Allocation == nil {
			b.Allocation = map[string]int{}
		}
		b.Allocation[oid] = n
	}
	for key, scores := range bs.Scores {
		oid, err := option(key)
		if err != nil {
			return b, err
		}
		if len(scores) != len(criteria) {
			return b, fmt.Errorf("option %q: %d scores for %d criteria", key, len(scores), len(criteria))
		}
		if b.Scores == nil {
			b.Scores = map[string]map[string]int{}
		}
		b.Scores[oid] = map[string]int{}
		for i, k := range criteria {
			b.Scores[oid][k.ID] = scores[i]
		}
	}
	return b, nil
}
