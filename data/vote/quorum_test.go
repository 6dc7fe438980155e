package vote_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// trasimeno are the eight comuni of the Tavolo dei Sindaci with their approximate populations
// (DOMAIN.md), largest first: 56,900 inhabitants in all.
var trasimeno = []data.SeatWeight{
	{ID: "castiglione", Population: 15150},
	{ID: "magione", Population: 14700},
	{ID: "pieve", Population: 7500},
	{ID: "passignano", Population: 5700},
	{ID: "panicale", Population: 5500},
	{ID: "tuoro", Population: 3800},
	{ID: "piegaro", Population: 3600},
	{ID: "paciano", Population: 950},
}

func present(ids ...string) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

func rules(prima, seconda data.Quorum, w data.Weighting) data.Rules {
	r := data.DefaultRules(data.BodyTavoloAlto)
	r.QuorumPrima, r.QuorumSeconda, r.Weighting = prima, seconda, w
	return r
}

var (
	none      = data.Quorum{Kind: data.QuorumNone}
	half      = data.Quorum{Kind: data.QuorumHalfPlusOne}
	third     = data.Quorum{Kind: data.QuorumOneThird}
	fixed     = func(n int) data.Quorum { return data.Quorum{Kind: data.QuorumNumber, N: n} }
	smallest5 = present("passignano", "panicale", "tuoro", "piegaro", "paciano") // 19,550
	largest2  = present("castiglione", "magione")                                // 29,850
)

func TestCheckQuorum(t *testing.T) {
	const total = 56900
	tests := []struct {
		name    string
		rules   data.Rules
		call    data.Call
		seats   []data.SeatWeight
		present map[string]bool

		heads, required       int64
		presentPop, reqPop    int64
		headsHold, popHolds   bool
		holds                 bool
		missing               int64
		byHeads, byPopulation bool
	}{
		{name: "half_plus_one of 8 is 5, 5 present", rules: rules(half, third, data.WeightHead), call: data.CallPrima,
			seats: trasimeno, present: smallest5, heads: 5, required: 5, presentPop: 19550, reqPop: total/2 + 1,
			headsHold: true, holds: true, byHeads: true},
		{name: "half_plus_one of 8, 4 present", rules: rules(half, third, data.WeightHead), call: data.CallPrima,
			seats: trasimeno, present: present("castiglione", "magione", "pieve", "passignano"), heads: 4,
			required: 5, presentPop: 43050, reqPop: 28451, popHolds: true, missing: 1, byHeads: true},
		{name: "seconda one_third of 8 is 3", rules: rules(half, third, data.WeightHead), call: data.CallSeconda,
			seats: trasimeno, present: present("tuoro", "piegaro", "paciano"), heads: 3, required: 3,
			presentPop: 8350, reqPop: 18967, headsHold: true, holds: true, byHeads: true},
		{name: "seconda one_third of 8, 2 present", rules: rules(half, third, data.WeightHead), call: data.CallSeconda,
			seats: trasimeno, present: present("piegaro", "paciano"), heads: 2, required: 3, presentPop: 4550,
			reqPop: 18967, missing: 1, byHeads: true},
		{name: "one_third rounds up: 7 seats need 3", rules: rules(third, none, data.WeightHead), call: data.CallPrima,
			seats: trasimeno[:7], present: present("castiglione", "magione"), heads: 2, required: 3,
			presentPop: 29850, reqPop: (55950 + 2) / 3, popHolds: true, missing: 1, byHeads: true},
		{name: "one_third of 9 is exactly 3", rules: rules(third, none, data.WeightHead), call: data.CallPrima,
			seats:   append(append([]data.SeatWeight{}, trasimeno...), data.SeatWeight{ID: "ufficio"}),
			present: present("castiglione", "magione", "ufficio"), heads: 3, required: 3, presentPop: 29850,
			reqPop: 18967, headsHold: true, popHolds: true, holds: true, byHeads: true},
		{name: "seconda none: nobody present holds", rules: rules(half, none, data.WeightHead), call: data.CallSeconda,
			seats: trasimeno, present: present(), headsHold: true, popHolds: true, holds: true, byHeads: true},
		{name: "fixed number 4, 4 present", rules: rules(fixed(4), none, data.WeightHead), call: data.CallPrima,
			seats: trasimeno, present: present("tuoro", "piegaro", "paciano", "panicale"), heads: 4, required: 4,
			presentPop: 13850, headsHold: true, popHolds: true, holds: true, byHeads: true},
		{name: "fixed number 4, 3 present", rules: rules(fixed(4), none, data.WeightHead), call: data.CallPrima,
			seats: trasimeno, present: present("tuoro", "piegaro", "paciano"), heads: 3, required: 4,
			presentPop: 8350, popHolds: true, missing: 1, byHeads: true},
		{name: "fixed number counts seats under population", rules: rules(fixed(3), none, data.WeightPopulation),
			call: data.CallPrima, seats: trasimeno, present: largest2, heads: 2, required: 3, presentPop: 29850,
			popHolds: true, missing: 1, byPopulation: true},
		{name: "fixed number counts seats under double", rules: rules(fixed(3), none, data.WeightDouble),
			call: data.CallPrima, seats: trasimeno, present: present("tuoro", "piegaro", "paciano"), heads: 3,
			required: 3, presentPop: 8350, headsHold: true, popHolds: true, holds: true, byHeads: true,
			byPopulation: true},
		{name: "fixed number above the seats never holds", rules: rules(fixed(9), none, data.WeightHead),
			call: data.CallPrima, seats: trasimeno, present: present("castiglione", "magione", "pieve", "passignano",
				"panicale", "tuoro", "piegaro", "paciano"), heads: 8, required: 9, presentPop: total, popHolds: true,
			missing: 1, byHeads: true},
		{name: "5 smallest hold by heads", rules: rules(half, third, data.WeightHead), call: data.CallPrima,
			seats: trasimeno, present: smallest5, heads: 5, required: 5, presentPop: 19550, reqPop: 28451,
			headsHold: true, holds: true, byHeads: true},
		{name: "5 smallest fail by population", rules: rules(half, third, data.WeightPopulation), call: data.CallPrima,
			seats: trasimeno, present: smallest5, heads: 5, required: 5, presentPop: 19550, reqPop: 28451,
			headsHold: true, byPopulation: true},
		{name: "5 smallest fail under double", rules: rules(half, third, data.WeightDouble), call: data.CallPrima,
			seats: trasimeno, present: smallest5, heads: 5, required: 5, presentPop: 19550, reqPop: 28451,
			headsHold: true, byHeads: true, byPopulation: true},
		{name: "2 largest hold by population", rules: rules(half, third, data.WeightPopulation), call: data.CallPrima,
			seats: trasimeno, present: largest2, heads: 2, required: 5, presentPop: 29850, reqPop: 28451,
			popHolds: true, holds: true, missing: 3, byPopulation: true},
		{name: "2 largest fail under double", rules: rules(half, third, data.WeightDouble), call: data.CallPrima,
			seats: trasimeno, present: largest2, heads: 2, required: 5, presentPop: 29850, reqPop: 28451,
			popHolds: true, missing: 3, byHeads: true, byPopulation: true},
		{name: "3 largest and 2 small hold under double", rules: rules(half, third, data.WeightDouble),
			call: data.CallPrima, seats: trasimeno, present: present("castiglione", "magione", "pieve", "piegaro", "paciano"),
			heads: 5, required: 5, presentPop: 41900, reqPop: 28451, headsHold: true, popHolds: true, holds: true,
			byHeads: true, byPopulation: true},
		{name: "seconda under double: 3 smallest fail by population", rules: data.DefaultRules(data.BodySindaci),
			call: data.CallSeconda, seats: trasimeno, present: present("tuoro", "piegaro", "paciano"), heads: 3,
			required: 3, presentPop: 8350, reqPop: 18967, headsHold: true, missing: 0, byHeads: true,
			byPopulation: true},
		{name: "seconda under double: 3 largest hold", rules: data.DefaultRules(data.BodySindaci),
			call: data.CallSeconda, seats: trasimeno, present: present("castiglione", "magione", "pieve"), heads: 3,
			required: 3, presentPop: 37350, reqPop: 18967, headsHold: true, popHolds: true, holds: true,
			byHeads: true, byPopulation: true},
		{name: "population exactly half plus one holds", rules: rules(half, none, data.WeightPopulation),
			call: data.CallPrima, seats: []data.SeatWeight{{ID: "a", Population: 51}, {ID: "b", Population: 49}},
			present: present("a"), heads: 1, required: 2, presentPop: 51, reqPop: 51, popHolds: true, holds: true,
			missing: 1, byPopulation: true},
		{name: "population exactly half fails", rules: rules(half, none, data.WeightPopulation),
			call: data.CallPrima, seats: []data.SeatWeight{{ID: "a", Population: 50}, {ID: "b", Population: 50}},
			present: present("a"), heads: 1, required: 2, presentPop: 50, reqPop: 51, missing: 1, byPopulation: true},
		{name: "ids that are not seats are ignored", rules: rules(half, third, data.WeightDouble), call: data.CallPrima,
			seats: trasimeno, present: present("castiglione", "magione", "pieve", "guest", "perugia", ""), heads: 3,
			required: 5, presentPop: 37350, reqPop: 28451, popHolds: true, missing: 2, byHeads: true,
			byPopulation: true},
		{name: "false entries are not present", rules: rules(half, third, data.WeightHead), call: data.CallPrima,
			seats: trasimeno, present: map[string]bool{"castiglione": true, "magione": false}, heads: 1,
			required: 5, presentPop: 15150, reqPop: 28451, missing: 4, byHeads: true},
		{name: "nil present", rules: rules(half, third, data.WeightHead), call: data.CallPrima, seats: trasimeno,
			present: nil, required: 5, reqPop: 28451, missing: 5, byHeads: true},
		// floor(0/2)+1 = 1: a body without seats cannot decide under half_plus_one.
		{name: "zero seats, half_plus_one", rules: rules(half, third, data.WeightDouble), call: data.CallPrima,
			seats: nil, present: present("castiglione"), required: 1, reqPop: 1, missing: 1, byHeads: true,
			byPopulation: true},
		// ceil(0/3) = 0 and none = 0: nothing is required.
		{name: "zero seats, one_third", rules: rules(half, third, data.WeightHead), call: data.CallSeconda,
			seats: nil, present: nil, headsHold: true, popHolds: true, holds: true, byHeads: true},
		{name: "zero seats, none", rules: rules(none, none, data.WeightPopulation), call: data.CallPrima,
			seats: []data.SeatWeight{}, present: nil, headsHold: true, popHolds: true, holds: true, byPopulation: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := vote.CheckQuorum(tt.rules, tt.call, tt.seats, tt.present)
			call := "CheckQuorum(" + tt.name + ")"
			if q.Call != tt.call || q.Rule != tt.rules.QuorumFor(tt.call) || q.Weighting != tt.rules.Weighting {
				t.Errorf("%s rule = %v %v %v, want %v %v %v", call, q.Call, q.Rule, q.Weighting, tt.call,
					tt.rules.QuorumFor(tt.call), tt.rules.Weighting)
			}
			var pop int64
			for _, s := range tt.seats {
				pop += s.Population
			}
			for _, c := range []struct {
				what      string
				got, want any
			}{
				{"Seats", q.Seats, int64(len(tt.seats))},
				{"Population", q.Population, pop},
				{"Present", q.Present, tt.heads},
				{"Required", q.Required, tt.required},
				{"PresentPopulation", q.PresentPopulation, tt.presentPop},
				{"RequiredPopulation", q.RequiredPopulation, tt.reqPop},
				{"HeadsHold()", q.HeadsHold(), tt.headsHold},
				{"PopulationHolds()", q.PopulationHolds(), tt.popHolds},
				{"Holds", q.Holds, tt.holds},
				{"Missing()", q.Missing(), tt.missing},
				{"ByHeads()", q.ByHeads(), tt.byHeads},
				{"ByPopulation()", q.ByPopulation(), tt.byPopulation},
			} {
				if c.got != c.want {
					t.Errorf("%s.%s = %v, want %v", call, c.what, c.got, c.want)
				}
			}
		})
	}
}

// TestCheckQuorumCalls checks that each call reads its own rule: the same seats present hold in seconda
// and not in prima.
func TestCheckQuorumCalls(t *testing.T) {
	r := data.DefaultRules(data.BodySindaci) // double; prima half_plus_one, seconda one_third
	p := present("castiglione", "magione", "pieve")
	tests := []struct {
		call data.Call
		rule data.Quorum
		want bool
	}{
		{data.CallPrima, half, false},
		{data.CallSeconda, third, true},
		{"", half, false}, // an unset call reads as prima
	}
	for _, tt := range tests {
		t.Run(string(tt.call), func(t *testing.T) {
			q := vote.CheckQuorum(r, tt.call, trasimeno, p)
			if q.Rule != tt.rule || q.Holds != tt.want {
				t.Errorf("CheckQuorum(sindaci, %q, 3 largest) = rule %v holds %v, want rule %v holds %v",
					tt.call, q.Rule, q.Holds, tt.rule, tt.want)
			}
		})
	}
}

// Record keeps what a vote's record says of its quorum: seats by heads, inhabitants by population,
// both under the double rule.
func TestQuorumRecord(t *testing.T) {
	present := map[string]bool{}
	for _, s := range trasimeno[:5] {
		present[s.ID] = true
	}
	for _, tt := range []struct {
		w                                     data.Weighting
		present, required, population, reqPop int64
	}{
		{data.WeightHead, 5, 5, 0, 0},
		{data.WeightPopulation, 48550, 28451, 0, 0},
		{data.WeightDouble, 5, 5, 48550, 28451},
	} {
		r := data.DefaultRules(data.BodySindaci)
		r.Weighting = tt.w
		v := data.Vote{QuorumPopulation: 99, QuorumRequiredPopulation: 99}
		vote.CheckQuorum(r, data.CallPrima, trasimeno, present).Record(&v)
		if v.QuorumPresent != tt.present || v.QuorumRequired != tt.required || !v.QuorumHolds ||
			v.QuorumPopulation != tt.population || v.QuorumRequiredPopulation != tt.reqPop {
			t.Errorf("Record(%s) = %d/%d holds %v, population %d/%d; want %d/%d, %d/%d", tt.w, v.QuorumPresent,
				v.QuorumRequired, v.QuorumHolds, v.QuorumPopulation, v.QuorumRequiredPopulation, tt.present, tt.required,
				tt.population, tt.reqPop)
		}
	}
}

func TestRecordOpening(t *testing.T) {
	seats := []vote.OpeningSeat{{ID: "castiglione", Label: "Castiglione del Lago", Population: 15150},
		{ID: "paciano", Label: "Paciano", Population: 950}, {ID: "nuovo", Label: "Comune nuovo", Population: 0}}
	r := data.DefaultRules(data.BodySindaci)
	r.Weighting = data.WeightDouble
	v := data.Vote{Rules: r, Voters: []data.VoteVoter{{ID: "stale"}}}
	q := vote.RecordOpening(&v, data.CallPrima, seats, present("castiglione", "nuovo"))
	want := []data.VoteVoter{{ID: "castiglione", Label: "Castiglione del Lago", Weight: 15150, Present: true},
		{ID: "paciano", Label: "Paciano", Weight: 950}, {ID: "nuovo", Label: "Comune nuovo", Weight: 1, Present: true}}
	if len(v.Voters) != len(want) {
		t.Fatalf("RecordOpening: Voters = %+v, want %+v", v.Voters, want)
	}
	for i := range want {
		if v.Voters[i] != want[i] {
			t.Errorf("RecordOpening: Voters[%d] = %+v, want %+v", i, v.Voters[i], want[i])
		}
	}
	weights := []data.SeatWeight{{ID: "castiglione", Population: 15150}, {ID: "paciano", Population: 950},
		{ID: "nuovo", Population: 0}}
	wantQ := vote.CheckQuorum(r, data.CallPrima, weights, present("castiglione", "nuovo"))
	if q != wantQ {
		t.Errorf("RecordOpening = %+v, want %+v", q, wantQ)
	}
	var recorded data.Vote
	wantQ.Record(&recorded)
	if v.QuorumPresent != recorded.QuorumPresent || v.QuorumRequired != recorded.QuorumRequired ||
		v.QuorumHolds != recorded.QuorumHolds || v.QuorumPopulation != recorded.QuorumPopulation ||
		v.QuorumRequiredPopulation != recorded.QuorumRequiredPopulation {
		t.Errorf("RecordOpening recorded %+v, want the quorum as Record writes it", v)
	}
}
