package report

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func TestOutcome(t *testing.T) {
	motion := func(rules vote.Rules, ballots ...vote.Ballot) vote.Count {
		return vote.Count{Method: data.MethodMotion, Rules: rules, Ballots: ballots}
	}
	b := func(n int, choice string) vote.Ballot { return vote.Ballot{Count: n, Choice: choice} }
	abs := vote.Rules{Members: 10, Quorum: data.Quorum{Kind: data.QuorumHalfPlusOne}, MajorityBase: data.BaseVotanti,
		Threshold: data.ThresholdAbsolute, Present: 8}
	simple := abs
	simple.Threshold = data.ThresholdSimple
	two := abs
	two.Threshold = data.ThresholdTwoThirds
	few := abs
	few.Present = 3
	blank := abs
	blank.BlankVotanti = true
	simpleBlank := simple
	simpleBlank.BlankVotanti = true
	seed := int64(7)
	tests := []struct {
		name string
		c    vote.Count
		want string
	}{
		{"approved", motion(abs, b(5, "favorevole"), b(2, "contrario"), b(1, "astenuto")),
			"Approvata a maggioranza assoluta dei votanti: 5 favorevoli, 2 contrari, 1 astenuto."},
		{"approved simple", motion(simple, b(3, "favorevole"), b(2, "contrario"), b(3, "astenuto")),
			"Approvata a maggioranza semplice: 3 favorevoli, 2 contrari, 3 astenuti."},
		{"rejected two thirds", motion(two, b(5, "favorevole"), b(3, "contrario")),
			"Respinta: non raggiunta la maggioranza dei due terzi dei votanti (5 favorevoli, 3 contrari, 0 astenuti)."},
		{"unanimity of the present", motion(abs, b(8, "favorevole")),
			"Approvata all'unanimità dei presenti: 8 favorevoli, 0 contrari, 0 astenuti."},
		{"unanimity of the voters", motion(abs, b(6, "favorevole"), b(2, "astenuto")),
			"Approvata all'unanimità dei votanti: 6 favorevoli, 0 contrari, 2 astenuti."},
		{"blank among the votanti", motion(blank, b(5, "favorevole"), b(2, "contrario"), b(1, "")),
			"Approvata a maggioranza assoluta dei votanti, schede bianche e nulle comprese: 5 favorevoli, 2 contrari, 0 astenuti. Una scheda nulla."},
		{"blank among the votanti, rejected", motion(blank, b(4, "favorevole"), b(3, "contrario"), b(1, "")),
			"Respinta: non raggiunta la maggioranza assoluta dei votanti, schede bianche e nulle comprese (4 favorevoli, 3 contrari, 0 astenuti). Una scheda nulla."},
		{"a blank ballot not among the votanti leaves them unanimous", motion(abs, b(6, "favorevole"), b(1, "")),
			"Approvata all'unanimità dei votanti: 6 favorevoli, 0 contrari, 0 astenuti. Una scheda nulla."},
		{"a blank ballot among the votanti breaks unanimity", motion(blank, b(6, "favorevole"), b(1, "")),
			"Approvata a maggioranza assoluta dei votanti, schede bianche e nulle comprese: 6 favorevoli, 0 contrari, 0 astenuti. Una scheda nulla."},
		{"a simple majority does not look at the votanti", motion(simpleBlank, b(3, "favorevole"), b(2, "contrario"), b(2, "")),
			"Approvata a maggioranza semplice: 3 favorevoli, 2 contrari, 0 astenuti. 2 schede nulle."},
		{"tied", motion(abs, b(4, "favorevole"), b(4, "contrario")),
			"Respinta per parità: 4 favorevoli, 4 contrari, 0 astenuti."},
		{"no quorum", motion(few, b(3, "favorevole")),
			"Non valida per mancanza del numero legale (3 favorevoli, 0 contrari, 0 astenuti)."},
		{"winner by lot", vote.Count{Method: data.MethodApproval, Options: []vote.Option{{ID: "A", Label: "Centro diurno"},
			{ID: "B", Label: "Trasporto sociale"}}, Rules: vote.Rules{TieBreak: data.TieLot, Seed: &seed},
			Ballots: []vote.Ballot{{Count: 2, Approve: []string{"A", "B"}}}}, ""},
		{"tie stays", vote.Count{Method: data.MethodDots, Options: []vote.Option{{ID: "A", Label: "Centro diurno"},
			{ID: "B", Label: "Trasporto sociale"}}, Rules: vote.Rules{DotsPerVoter: 2},
			Ballots: []vote.Ballot{{Count: 3, Allocation: map[string]int{"A": 1, "B": 1}}, {Allocation: map[string]int{"A": 3}}}},
			"Parità al primo posto tra «Centro diurno» e «Trasporto sociale», con 3 bollini ciascuna: la parità resta da risolvere. Una scheda nulla."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := vote.Tally(tt.c)
			if err != nil {
				t.Fatalf("Tally: %v", err)
			}
			got := Outcome(r)
			if tt.want == "" {
				// The lot's winner depends on SHA-256; the sentence must name the lot and its seed.
				if want := "dopo lo spareggio per sorteggio (seme 7)."; len(got) < len(want) || got[len(got)-len(want):] != want {
					t.Errorf("Outcome = %q, want it to end with %q", got, want)
				}
				return
			}
			if got != tt.want {
				t.Errorf("Outcome = %q, want %q", got, tt.want)
			}
		})
	}
}
