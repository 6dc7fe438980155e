package vote_test

import (
	"fmt"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// TestParseFileStrict: what a recount cannot count exactly is refused, with the key of the sentence
// that says why and, for a key the reader does not know, the key itself.
func TestParseFileStrict(t *testing.T) {
	const motion = `"method": "motion", "voters": [{"id": "a", "weight": 950}]`
	const score = `"method": "score", "options": [{"id": "A"}]`
	tests := []struct {
		name, file, key string
		args            map[string]any
	}{
		{"a misspelt threshold", `{` + motion + `, "rules": {"treshold": "two_thirds"}, "ballots": []}`,
			"err.tally.unknown_key", map[string]any{"key": "treshold", "where": "rules"}},
		{"a misspelt blank_votanti", `{` + motion + `, "rules": {"blank_voters": true}, "ballots": []}`,
			"err.tally.unknown_key", map[string]any{"key": "blank_voters", "where": "rules"}},
		{"blank_votanti as text", `{` + motion + `, "rules": {"blank_votanti": "true"}, "ballots": []}`,
			"err.tally.rule", map[string]any{"rule": "blank_votanti", "value": "true"}},
		{"rules in Italian", `{` + motion + `, "regole": {"threshold": "two_thirds"}, "ballots": []}`,
			"err.tally.unknown_key_top", map[string]any{"key": "regole"}},
		{"a key in an option", `{"method": "dots", "options": [{"id": "A", "lable": "x"}], "ballots": []}`,
			"err.tally.unknown_key", map[string]any{"key": "lable", "where": "options n. 1"}},
		{"a key in a criterion", `{` + score + `, "criteria": [{"id": "u", "peso": 2}], "ballots": []}`,
			"err.tally.unknown_key", map[string]any{"key": "peso", "where": "criteria n. 1"}},
		{"a key in a voter", `{"method": "motion", "voters": [{"id": "a", "comune": "Magione"}], "ballots": []}`,
			"err.tally.unknown_key", map[string]any{"key": "comune", "where": "voters n. 1"}},
		{"a key in a ballot", `{` + motion + `, "ballots": [{"voter": "a", "choice": "favorevole"}, {"voter": "a", "choise": "contrario"}]}`,
			"err.tally.unknown_key", map[string]any{"key": "choise", "where": "ballots n. 2"}},
		{"a criterion of weight 0", `{` + score + `, "criteria": [{"id": "u", "weight": 0}], "ballots": []}`,
			"err.tally.criterion_weight", map[string]any{"id": "u", "value": "0"}},
		{"a negative criterion weight", `{` + score + `, "criteria": [{"id": "u", "weight": -1.5}], "ballots": []}`,
			"err.tally.criterion_weight", map[string]any{"id": "u"}},
		{"a weight with more digits than it keeps", `{` + score + `, "criteria": [{"id": "u", "weight": 0.1000000000000000000001}], "ballots": []}`,
			"err.tally.criterion_weight", map[string]any{"id": "u"}},
		{"a criterion weight as text", `{` + score + `, "criteria": [{"id": "u", "weight": "2"}], "ballots": []}`,
			"err.tally.criterion", map[string]any{"n": 1}},
		{"a voter of weight 0", `{"method": "motion", "voters": [{"id": "a", "weight": 0}], "ballots": []}`,
			"err.tally.voter_weight", map[string]any{"id": "a"}},
		{"a negative voter weight", `{"method": "motion", "voters": [{"id": "a", "weight": -950}], "ballots": []}`,
			"err.tally.voter_weight", map[string]any{"id": "a"}},
		{"anonymous ballots weighed by population", `{` + motion + `, "rules": {"weighting": "population"},
			"ballots": [{"voter": "a", "choice": "favorevole"}, {"count": 3, "choice": "contrario"}]}`,
			"err.vote.weighted_anonymous", nil},
		{"anonymous ballots under double weighting", `{"method": "dots", "options": [{"id": "A"}], "rules": {"weighting": "double"},
			"ballots": [{"allocation": {"A": 1}}]}`, "err.vote.weighted_anonymous", nil},
		{"Windows-1252", "{\"method\": \"dots\", \"options\": [{\"id\": \"A\", \"label\": \"Citt\xe0\"}], \"ballots\": []}",
			"err.tally.utf8", nil},
		{"no ballots", `{"method": "approval", "options": [{"id": "A"}]}`, "err.tally.ballots_missing", nil},
		{"null ballots", `{"method": "approval", "options": [{"id": "A"}], "ballots": null}`, "err.tally.ballots_missing", nil},
		{"a count as text", `{` + motion + `, "ballots": [{"count": "3", "choice": "favorevole"}]}`,
			"err.tally.count", map[string]any{"n": 1, "value": "3"}},
		{"a seed as text", `{"method": "dots", "options": [{"id": "A"}], "rules": {"tie_break": "lot", "seed": "42"}, "ballots": []}`,
			"err.tally.rule", map[string]any{"rule": "seed", "value": "42"}},
		{"members as text", `{` + motion + `, "rules": {"members": "8"}, "ballots": []}`,
			"err.tally.rule", map[string]any{"rule": "members"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := vote.ParseFile([]byte(tt.file))
			e := data.AsError(err)
			if e == nil || e.Code != data.EInvalid || e.Key != tt.key {
				t.Fatalf("ParseFile(%s) = %s, %v; want %s", tt.file, file(c), err, tt.key)
			}
			for k, v := range tt.args {
				if fmt.Sprint(e.Args[k]) != fmt.Sprint(v) {
					t.Errorf("ParseFile(%s) error %v: %s = %v, want %v", tt.file, err, k, e.Args[k], v)
				}
			}
		})
	}
}

// TestDecimalWeightsTie: with weights 0.1, 0.2 and 0.3, A (3 on the first two) and B (3 on the third)
// both score exactly 1.5. Read as binary floats 0.1 + 0.2 is not 0.3 and one of them came first.
func TestDecimalWeightsTie(t *testing.T) {
	for _, f := range []string{
		`{"method": "score", "options": [{"id": "A"}, {"id": "B"}],
		  "criteria": [{"id": "u", "weight": 0.1}, {"id": "f", "weight": 0.2}, {"id": "g", "weight": 0.3}],
		  "rules": {"scale_min": 0, "scale_max": 5},
		  "ballots": [{"scores": {"A": {"u": 3, "f": 3, "g": 0}, "B": {"u": 0, "f": 0, "g": 3}}}]}`,
		`{"method": "score", "options": [{"id": "A"}, {"id": "B"}],
		  "criteria": [{"id": "u", "weight": 1e-1}, {"id": "f", "weight": 0.20}, {"id": "g", "weight": 0.3}],
		  "rules": {"scale_min": 0, "scale_max": 5},
		  "ballots": [{"count": 2, "scores": {"A": {"u": 3, "f": 3, "g": 0}, "B": {"u": 0, "f": 0, "g": 3}}}]}`,
	} {
		c, err := vote.ParseFile([]byte(f))
		if err != nil {
			t.Fatalf("ParseFile(%s) error %v", f, err)
		}
		r := mustTally(t, c)
		if got := ranking(r); got != "1:A=1.5 1:B=1.5" {
			t.Errorf("Tally(%s) ranking = %s, want 1:A=1.5 1:B=1.5", f, got)
		}
		if r.Priority == nil || !r.Priority.Tie {
			t.Errorf("Tally(%s) tie = false, want true", f)
		}
	}
	// A count built in code, as the window builds it, ties the same way.
	c := vote.Count{Method: data.MethodScore, Options: options("A", "B"),
		Criteria: []vote.Criterion{{ID: "u", Weight: 0.1}, {ID: "f", Weight: 0.2}, {ID: "g", Weight: 0.3}},
		Rules:    vote.Rules{ScaleMin: 0, ScaleMax: 5},
		Ballots:  []vote.Ballot{{Scores: map[string]map[string]int{"A": {"u": 3, "f": 3, "g": 0}, "B": {"u": 0, "f": 0, "g": 3}}}}}
	if r := mustTally(t, c); r.Priority == nil || !r.Priority.Tie {
		t.Errorf("Tally(0.1/0.2/0.3 in code) = %s, want a tie", ranking(r))
	}
}

// TestHugeExponents: a weight written with a huge exponent is refused at once, not worked out.
func TestHugeExponents(t *testing.T) {
	for _, w := range []string{"1e999999999", "1e-999999999", "-1e999999999"} {
		f := `{"method": "score", "options": [{"id": "A"}], "criteria": [{"id": "u", "weight": ` + w + `}], "ballots": []}`
		if _, err := vote.ParseFile([]byte(f)); data.ErrorCode(err) != data.EInvalid {
			t.Errorf("ParseFile(weight %s) error %v, want EInvalid", w, err)
		}
	}
}
