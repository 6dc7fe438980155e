package vote_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// TestMotionBlankVotanti: with the rule on, the schede bianche and nulle of seats that may vote are
// votanti, which raises the absolute and two-thirds majorities over the votanti; ballots no seat could
// hand in (an absent voter, a second ballot) never are.
func TestMotionBlankVotanti(t *testing.T) {
	secret := func(f, c, blank int, nulla string) []vote.Ballot {
		out := []vote.Ballot{{Count: f, Choice: vote.Favorevole}, {Count: c, Choice: vote.Contrario}, {Count: blank}}
		if nulla != "" {
			out = append(out, vote.Ballot{Choice: nulla})
		}
		return out
	}
	rules := func(th data.Threshold, w data.Weighting, on bool) vote.Rules {
		return vote.Rules{Members: 11, Present: 11, Threshold: th, Weighting: w, BlankVotanti: on}
	}
	withVotanti := func(s vote.Sums, n int64) vote.Sums { s.Votanti = n; return s }
	weighted := func(f, c, a, votanti, presenti int64) *vote.Sums {
		s := withVotanti(sums(f, c, a, presenti), votanti)
		return &s
	}
	// Five comuni for, Piegaro and Paciano against, Castiglione (15,150) hands in a blank ballot.
	mayorsBlank := choices("magione", "favorevole", "pieve", "favorevole", "passignano", "favorevole",
		"panicale", "favorevole", "tuoro", "favorevole", "piegaro", "contrario", "paciano", "contrario", "castiglione", "")
	noChoice := "manca il voto: favorevole, contrario o astenuto"
	tests := []motionCase{
		{"secret 5-4 and 2 blank, absolute, rule off: 5 > 9/2", vote.Count{Rules: rules(data.ThresholdAbsolute, "", false),
			Ballots: secret(5, 4, 2, "")},
			motionGot{Sums: sums(5, 4, 0, 11), QuorumMet: true, Approved: true, Invalid: "2×2: " + noChoice}},
		{"secret 5-4 and 2 blank, absolute, rule on: 5 is not > 11/2", vote.Count{Rules: rules(data.ThresholdAbsolute, "", true),
			Ballots: secret(5, 4, 2, "")},
			motionGot{Sums: withVotanti(sums(5, 4, 0, 11), 11), QuorumMet: true, Invalid: "2×2: " + noChoice}},
		{"secret 6-2, a blank and a void one, two thirds, rule off: 3×6 ≥ 2×8", vote.Count{
			Rules: rules(data.ThresholdTwoThirds, "", false), Ballots: secret(6, 2, 1, "sì")},
			motionGot{Sums: sums(6, 2, 0, 11), QuorumMet: true, Approved: true, Invalid: "2×1: " + noChoice +
				"; 3×1: «sì» non è un voto valido: si vota favorevole, contrario o astenuto"}},
		{"secret 6-2, a blank and a void one, two thirds, rule on: 3×6 < 2×10", vote.Count{
			Rules: rules(data.ThresholdTwoThirds, "", true), Ballots: secret(6, 2, 1, "sì")},
			motionGot{Sums: withVotanti(sums(6, 2, 0, 11), 10), QuorumMet: true, Invalid: "2×1: " + noChoice +
				"; 3×1: «sì» non è un voto valido: si vota favorevole, contrario o astenuto"}},
		{"simple majority ignores the votanti", vote.Count{Rules: rules(data.ThresholdSimple, "", true),
			Ballots: secret(5, 4, 2, "")},
			motionGot{Sums: withVotanti(sums(5, 4, 0, 11), 11), QuorumMet: true, Approved: true, Invalid: "2×2: " + noChoice}},
		{"only a present voter's first ballot is a votante's", vote.Count{Voters: seatsOf(5, 6),
			Rules: vote.Rules{Threshold: data.ThresholdAbsolute, BlankVotanti: true},
			Ballots: append(choices("v1", "favorevole", "v2", "favorevole", "v3", "contrario", "v4", "", "v6", "",
				"v1", "contrario"), vote.Ballot{Voter: "v5", Count: 2, Choice: vote.Favorevole})},
			// v4's blank and v5's ballot claiming two are votanti once each; absent v6 and v1's second are not.
			motionGot{Sums: withVotanti(sums(2, 1, 0, 5), 5), QuorumMet: true, Invalid: "3×1: " + noChoice +
				"; 4×1: il votante «v6» risulta assente; 5×1: il votante «v1» ha già votato: vale la prima scheda; " +
				"6×2: una scheda con il nome del votante non può valere per 2 schede"}},
		{"a named blank weighs its comune, rule off", vote.Count{Voters: mayors(),
			Rules: vote.Rules{Weighting: data.WeightPopulation, Threshold: data.ThresholdTwoThirds}, Ballots: mayorsBlank},
			// 3×37,200 ≥ 2×41,750.
			motionGot{Sums: sums(5, 2, 0, 8), QuorumMet: true, Approved: true, Weighted: weighted(37200, 4550, 0, 41750, 56900),
				Invalid: "7×1: " + noChoice}},
		{"a named blank weighs its comune, rule on", vote.Count{Voters: mayors(),
			Rules: vote.Rules{Weighting: data.WeightPopulation, Threshold: data.ThresholdTwoThirds, BlankVotanti: true}, Ballots: mayorsBlank},
			// 3×37,200 < 2×56,900: Castiglione's 15,150 inhabitants are votanti.
			motionGot{Sums: withVotanti(sums(5, 2, 0, 8), 8), QuorumMet: true, Weighted: weighted(37200, 4550, 0, 56900, 56900),
				Invalid: "7×1: " + noChoice}},
	}
	runMotions(t, tests)
}

// TestBlankVotantiFromTheVote: a vote held in a meeting hands its rule to the count.
func TestBlankVotantiFromTheVote(t *testing.T) {
	for _, on := range []bool{false, true} {
		v := data.Vote{Method: data.MethodMotion, Secret: true, Rules: data.DefaultRules(data.BodyTavoloAlto)}
		v.Rules.BlankVotanti = on
		if got := vote.CountOf(v, data.CallPrima, nil).Rules.BlankVotanti; got != on {
			t.Errorf("CountOf(vote with blank_votanti %v).Rules.BlankVotanti = %v, want %v", on, got, on)
		}
	}
}
