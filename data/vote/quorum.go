package vote

import "github.com/tavoli/tavoli/data"

// Quorum is the numero legale worked out for the seats present, under a call's rule and the body's
// weighting. Heads and population are both filled; Holds reads the ones the weighting asks for.
type Quorum struct {
	Call      data.Call
	Rule      data.Quorum
	Weighting data.Weighting

	Seats    int64 // seats of the body (componenti)
	Present  int64 // seats present
	Required int64 // seats required

	Population         int64 // population of all seats
	PresentPopulation  int64
	RequiredPopulation int64

	Holds bool
}

// ByHeads reports whether the quorum is counted by heads (head or double weighting).
func (q Quorum) ByHeads() bool { return q.Weighting != data.WeightPopulation }

// ByPopulation reports whether the quorum is counted by population (population or double weighting).
func (q Quorum) ByPopulation() bool {
	return q.Weighting == data.WeightPopulation || q.Weighting == data.WeightDouble
}

// HeadsHold reports whether enough seats are present.
func (q Quorum) HeadsHold() bool { return q.Present >= q.Required }

// PopulationHolds reports whether enough population is present.
func (q Quorum) PopulationHolds() bool { return q.PresentPopulation >= q.RequiredPopulation }

// Missing is how many more seats are needed by heads (0 when they are enough).
func (q Quorum) Missing() int64 { return max(0, q.Required-q.Present) }

// CheckQuorum works out the quorum of a session held under call, with the seats whose ids are in
// present. Ids in present that are not seats of the body are ignored: guests count for nothing.
func CheckQuorum(rules data.Rules, call data.Call, seats []data.SeatWeight, present map[string]bool) Quorum {
	q := Quorum{Call: call, Rule: rules.QuorumFor(call), Weighting: rules.Weighting}
	for _, s := range seats {
		q.Seats++
		q.Population += s.Population
		if present[s.ID] {
			q.Present++
			q.PresentPopulation += s.Population
		}
	}
	q.Required = q.Rule.Required(q.Seats)
	q.RequiredPopulation = q.Rule.Required(q.Population)
	switch {
	case q.Rule.Kind == data.QuorumNumber:
		// A fixed number counts seats, whatever the weighting: a number of inhabitants is no rule
		// anyone writes.
		q.RequiredPopulation = 0
		q.Holds = q.HeadsHold()
	case q.ByHeads() && q.ByPopulation():
		q.Holds = q.HeadsHold() && q.PopulationHolds()
	case q.ByPopulation():
		q.Holds = q.PopulationHolds()
	default:
		q.Holds = q.HeadsHold()
	}
	return q
}

// Record writes the quorum into the vote it opens, as the record keeps it: seats or population as the
// rules weigh them, and under the double rule the population side too.
func (q Quorum) Record(v *data.Vote) {
	v.QuorumPresent, v.QuorumRequired, v.QuorumHolds = q.Present, q.Required, q.Holds
	v.QuorumPopulation, v.QuorumRequiredPopulation = 0, 0
	switch q.Weighting {
	case data.WeightPopulation:
		v.QuorumPresent, v.QuorumRequired = q.PresentPopulation, q.RequiredPopulation
	case data.WeightDouble:
		v.QuorumPopulation, v.QuorumRequiredPopulation = q.PresentPopulation, q.RequiredPopulation
	}
}

// OpeningSeat is one seat of the body as a vote opens: its id, its label and the population it stands for.
type OpeningSeat struct {
	ID, Label  string
	Population int64
}

// RecordOpening records on v the seats as the vote opens, each weighing its population (at least 1)
// and present or not, then checks the quorum under v's rules and the session's call and records it on
// v as Record does. The store's OpenVote and the demo's votes both go through it, so a seeded vote
// holds what the store would have written.
func RecordOpening(v *data.Vote, call data.Call, seats []OpeningSeat, present map[string]bool) Quorum {
	v.Voters = nil
	weights := make([]data.SeatWeight, 0, len(seats))
	for _, st := range seats {
		v.Voters = append(v.Voters, data.VoteVoter{ID: st.ID, Label: st.Label, Weight: max(st.Population, 1),
			Present: present[st.ID]})
		weights = append(weights, data.SeatWeight{ID: st.ID, Population: st.Population})
	}
	q := CheckQuorum(v.Rules, call, weights, present)
	q.Record(v)
	return q
}
