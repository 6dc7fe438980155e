package demo

import (
	"fmt"
	"sort"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// stepSource is a step of the Ufficio di Piano's work on the proposals, as assets/demo/meetings.json
// writes it: taken as the records of a session were closed (After, its key) or at a time of its own
// (At, "2026-10-20 12:30"), for work done at the office between meetings.
type stepSource struct {
	After string `json:"after"`
	At    string `json:"at"`
	// Examine takes up every proposal captured before the step and not taken up yet: it goes to
	// in_valutazione, or is merged into the proposal it names. Those the demo leaves in state proposta
	// were read and set aside: they stay as they are.
	Examine bool `json:"examine"`
	// Priorities are appended, by title, to the district's priority list: they become prioritarie.
	Priorities []string     `json:"priorities"`
	Moves      []moveSource `json:"moves"`
}

// moveSource moves a proposal, by title, by hand: a rejection with its reason, or the start of its
// implementation.
type moveSource struct {
	Proposal string             `json:"proposal"`
	To       data.ProposalState `json:"to"`
	Reason   string             `json:"reason"`
}

// step is a step of the proposals' history: one of the Ufficio di Piano's, or a validation vote.
type step struct {
	at   time.Time
	src  stepSource
	vote *data.Vote
}

// operator is who every step of the demo's history is recorded by: the office that keeps the proposals.
const operator = "Ufficio di Piano"

// life replays the proposals' history: each starts as proposta when captured and takes the steps in
// the order they happened, each step allowed by data.CheckMove (data.CanMerge for a merge; a validation
// vote's steps are the vote's to decide).
type life struct {
	ds      *data.Dataset
	byTitle map[string]int
	byID    map[string]int
	state   []data.ProposalState
	steps   []int // events recorded so far, by proposal: their ids number them
}

// addHistory replays the life of ds's proposals through steps and the validation votes (those that
// cover proposals), recording an event for every change of state as the store does, and sets each
// proposal's place in the priority list and when it last changed. Where the history leads must be
// the state the demo gives each proposal: the file says where they are, the steps how they got there.
func addHistory(ds *data.Dataset, steps []step) error {
	for i := range ds.Votes {
		if v := &ds.Votes[i]; len(v.Covers) > 0 {
			steps = append(steps, step{at: v.Closed, vote: v})
		}
	}
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].at.Before(steps[j].at) })
	l := life{ds: ds, byTitle: map[string]int{}, byID: map[string]int{}, state: make([]data.ProposalState, len(ds.Proposals)),
		steps: make([]int, len(ds.Proposals))}
	for i, p := range ds.Proposals {
		l.byTitle[p.Title], l.byID[p.ID] = i, i
		l.state[i] = data.StateProposta
		ds.Proposals[i].Priority = 0
	}
	for k, st := range steps {
		var err error
		if st.vote != nil {
			err = l.validate(st)
		} else {
			err = l.work(st)
		}
		if err != nil {
			return fmt.Errorf("demo history, step %d (%v): %w", k+1, st.at, err)
		}
	}
	for i, p := range ds.Proposals {
		if l.state[i] != p.State {
			return fmt.Errorf("demo history: %q ends as %s, the demo says %s", p.Title, l.state[i], p.State)
		}
	}
	return nil
}

// work takes one of the Ufficio di Piano's steps: the examination at its time, the priority list a
// minute later, the moves a minute after that, each a second apart in the order taken. The times do not
// depend on how many proposals are examined, so that generated ones leave the demo's own unchanged.
func (l *life) work(st step) error {
	at, tick := st.at, 0
	next := func() time.Time {
		tick++
		return at.Add(time.Duration(tick-1) * time.Second)
	}
	if st.src.Examine {
		for i, p := range l.ds.Proposals {
			if !p.Created.Before(st.at) || l.state[i] != data.StateProposta || p.State == data.StateProposta {
				continue
			}
			var err error
			if p.MergedIntoID != "" {
				into := l.ds.Proposals[l.byID[p.MergedIntoID]]
				err = l.move(i, data.ActionMerge, data.StateAccorpata, fmt.Sprintf("Accorpata in «%s», che ne raccoglie "+
					"il contenuto.", into.Title), "", into.ID, st.at)
			} else {
				err = l.move(i, data.ActionMove, data.StateInValutazione, "", "", "", st.at)
			}
			if err != nil {
				return err
			}
		}
	}
	at, tick = st.at.Add(time.Minute), 0
	last := 0
	for _, p := range l.ds.Proposals {
		last = max(last, p.Priority)
	}
	for _, title := range st.src.Priorities {
		i, ok := l.byTitle[title]
		if !ok {
			return fmt.Errorf("no proposal %q for the priority list", title)
		}
		// As the store's SetPriorities: a proposal not taken up yet passes through in_valutazione.
		if l.state[i] == data.StateProposta {
			if err := l.move(i, data.ActionPick, data.StateInValutazione, "", "", "", next()); err != nil {
				return err
			}
		}
		if err := l.move(i, data.ActionPick, data.StatePrioritaria, "", "", "", next()); err != nil {
			return err
		}
		last++
		l.ds.Proposals[i].Priority = last
	}
	at, tick = st.at.Add(2*time.Minute), 0
	for _, mv := range st.src.Moves {
		i, ok := l.byTitle[mv.Proposal]
		if !ok {
			return fmt.Errorf("no proposal %q to move", mv.Proposal)
		}
		if err := l.move(i, data.ActionMove, mv.To, mv.Reason, "", "", next()); err != nil {
			return err
		}
	}
	return nil
}

// validate applies a closed validation vote as the store does when it closes: approved, what it covers
// goes on (validata at the Tavolo Alto, approvata at the Tavolo dei Sindaci); rejected or tied, respinta.
// Every proposal it covers must be where such a vote finds it.
func (l *life) validate(st step) error {
	v := st.vote
	var sess data.Session
	for _, s := range l.ds.Sessions {
		if s.ID == v.SessionID {
			sess = s
		}
	}
	var kind data.BodyKind
	for _, b := range l.ds.Bodies {
		if b.ID == sess.BodyID {
			kind = b.Kind
		}
	}
	from, to := data.ValidationMove(kind)
	if from == "" {
		return fmt.Errorf("vote %q covers proposals, but only the Tavolo Alto and the Sindaci validate them", v.Subject)
	}
	var ballots []data.VoteBallot
	for _, b := range l.ds.Ballots {
		if b.VoteID == v.ID {
			ballots = append(ballots, b)
		}
	}
	r, err := vote.Tally(vote.CountOf(*v, sess.Call, ballots))
	if err != nil {
		return err
	}
	approved, decided := r.Outcome().Decision()
	if !decided {
		return fmt.Errorf("vote %q decided nothing (%s)", v.Subject, r.Outcome())
	}
	if !approved {
		to = data.StateRespinta
	}
	for k, pid := range v.Covers {
		i := l.byID[pid]
		if l.state[i] != from {
			return fmt.Errorf("vote %q covers %q, which is %s, not %s", v.Subject, l.ds.Proposals[i].Title, l.state[i], from)
		}
		if err := l.move(i, data.ActionVote, to, "", v.ID, "", st.at.Add(time.Duration(k)*time.Second)); err != nil {
			return err
		}
	}
	return nil
}

// move records one step of proposal i's history, at at, and moves it.
func (l *life) move(i int, action data.EventAction, to data.ProposalState, reason, voteID, related string, at time.Time) error {
	p := &l.ds.Proposals[i]
	from := l.state[i]
	var err error
	switch action {
	case data.ActionMerge:
		if !data.CanMerge(from) {
			err = fmt.Errorf("a proposal %s cannot be merged", from)
		}
	case data.ActionVote:
		// A validation vote decides the step (its caller checked where the proposal stood), as the
		// store's own closing of a vote does.
	default:
		err = data.CheckMove(from, to, reason)
	}
	if err != nil {
		return fmt.Errorf("%q from %s to %s: %w", p.Title, from, to, err)
	}
	if !at.After(p.Created) {
		return fmt.Errorf("%q moves to %s at %v, before it was captured", p.Title, to, at)
	}
	l.steps[i]++
	l.ds.Events = append(l.ds.Events, data.ProposalEvent{Meta: data.Meta{ID: id("event", p.ID, fmt.Sprint(l.steps[i])),
		Created: at, Updated: at}, ProposalID: p.ID, At: at, Operator: operator, Action: action, From: from, To: to,
		Reason: reason, VoteID: voteID, RelatedID: related})
	l.state[i], p.Updated = to, at
	if to == data.StateRespinta || to.Before(data.StatePrioritaria) {
		p.Priority = 0
	}
	return nil
}
