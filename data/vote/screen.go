package vote

import (
	"strconv"

	"github.com/tavoli/tavoli/data"
)

// counter is one count under way: the count with its defaults, its ids looked up, and the ballots
// that survived screening.
type counter struct {
	c         Count
	voters    map[string]Voter
	option    map[string]int // option id → its index in c.Options
	criterion map[string]int // criterion id → its index in c.Criteria

	valid  []int // indices of the ballots that count
	papers int   // ballots handed in, nulle included, each as many as its Count
	chair  *Ballot
	res    Result

	// spoilt are the indices of the schede nulle a seat that may vote handed in: anonymous ones, and a
	// present voter's first ballot. Rules.BlankVotanti counts them among a motion's votanti.
	spoilt []int
}

func newCounter(c Count) *counter {
	k := &counter{
		c:         c,
		voters:    make(map[string]Voter, len(c.Voters)),
		option:    make(map[string]int, len(c.Options)),
		criterion: make(map[string]int, len(c.Criteria)),
		res:       Result{Method: c.Method, Rules: c.Rules, Invalid: []Invalid{}},
	}
	for _, v := range c.Voters {
		k.voters[v.ID] = v
	}
	for i, o := range c.Options {
		k.option[o.ID] = i
	}
	for i, cr := range c.Criteria {
		k.criterion[cr.ID] = i
	}
	return k
}

// screen sorts the ballots into valid ones and schede nulle.
func (k *counter) screen() {
	voted := make(map[string]bool)
	for i, b := range k.c.Ballots {
		n := max(b.Count, 1)
		k.papers += n
		reason, cast := k.admit(b, n, voted)
		if reason != "" {
			k.res.Invalid = append(k.res.Invalid, Invalid{Ballot: i, Count: n, Reason: reason})
			if cast {
				k.spoilt = append(k.spoilt, i)
			}
			continue
		}
		k.valid = append(k.valid, i)
		k.res.Valid += n
		if b.Voter != "" && b.Voter == k.c.Rules.Chair {
			k.chair = &k.c.Ballots[i]
		}
	}
}

// admit returns why ballot b, standing for n ballots, is a scheda nulla, or "" when it counts. A
// voter's first ballot is theirs, valid or not: any later one is void. cast is false for a ballot no
// seat could hand in (a voter not listed or absent, a second ballot), which is never a votante's.
func (k *counter) admit(b Ballot, n int, voted map[string]bool) (reason string, cast bool) {
	if b.Voter != "" {
		v, ok := k.voters[b.Voter]
		switch {
		case !ok:
			return reasonNotListed(b.Voter), false
		case voted[b.Voter]:
			return reasonSecondBallot(b.Voter), false
		}
		voted[b.Voter] = true
		switch {
		case !v.Present:
			return reasonAbsent(b.Voter), false
		case n > 1:
			return reasonNamedCount(n), true
		}
	}
	return k.check(b), true
}

// check returns why the content of ballot b makes it a scheda nulla, or "".
func (k *counter) check(b Ballot) string {
	if b.Void != "" {
		return b.Void
	}
	switch k.c.Method {
	case data.MethodMotion:
		return checkChoice(b)
	case data.MethodDots:
		return k.checkAllocation(b, dots, k.c.Rules.DotsPerVoter, k.c.Rules.MaxPerOption)
	case data.MethodPoints:
		return k.checkAllocation(b, points, k.c.Rules.PointsPerVoter, k.c.Rules.PointsPerVoter)
	case data.MethodBorda, data.MethodSchulze:
		return k.checkRanking(b)
	case data.MethodScore:
		return k.checkScores(b)
	default:
		return k.checkApproval(b)
	}
}

// presence works out the seats and who is present, and records both in the rules of the result.
// Listed voters are the seats, with as many more absent seats of weight 1 as the members exceed them.
// Without voters, the seats present are the rules' Present, or else one per ballot handed in, and the
// members default to them.
func (k *counter) presence() ([]data.SeatWeight, map[string]bool) {
	r := &k.res.Rules
	present := map[string]bool{}
	var seats []data.SeatWeight
	if len(k.c.Voters) > 0 {
		for _, v := range k.c.Voters {
			seats = append(seats, data.SeatWeight{ID: v.ID, Population: v.Weight})
			if v.Present {
				present[v.ID] = true
			}
		}
		r.Members = max(r.Members, len(k.c.Voters))
		// The seats not listed are absent: present holds listed ids only, so an empty id never matches.
		for range r.Members - len(k.c.Voters) {
			seats = append(seats, data.SeatWeight{Population: 1})
		}
		r.Present = len(present)
		return seats, present
	}
	if r.Present == 0 {
		r.Present = k.papers
	}
	if r.Members == 0 {
		r.Members = r.Present
	}
	// More ballots than seats cannot all come from seats present: presence stops at the members.
	r.Present = min(r.Present, r.Members)
	for i := range r.Members {
		id := strconv.Itoa(i)
		seats = append(seats, data.SeatWeight{ID: id, Population: 1})
		if i < r.Present {
			present[id] = true
		}
	}
	return seats, present
}
