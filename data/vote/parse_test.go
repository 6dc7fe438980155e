package vote_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// issueExample is the ballot file of the issue that specified the format.
const issueExample = `{ "method": "dots",
  "options":  [{"id": "A", "label": "Centro diurno"}, {"id": "B", "label": "Trasporto sociale"}],
  "criteria": [{"id": "urgenza", "weight": 2}, {"id": "fattibilita", "weight": 1}],
  "voters":   [{"id": "magione", "weight": 14700, "present": true}, {"id": "paciano", "weight": 950, "present": false}],
  "rules":    {"members": 8, "quorum": "half_plus_one", "majority_base": "votanti", "threshold": "absolute",
               "weighting": "head", "dots_per_voter": 5, "max_per_option": 3, "points_per_voter": 100,
               "scale_min": 1, "scale_max": 5, "tie_break": "lot", "chair": "magione", "seed": 42},
  "ballots":  [{"voter": "magione", "allocation": {"A": 3, "B": 2}},
               {"count": 5, "ranking": ["B", "A"]}] }`

func TestParseIssueExample(t *testing.T) {
	c, err := vote.ParseFile([]byte(issueExample))
	if err != nil {
		t.Fatalf("ParseFile(issue example) error %v", err)
	}
	want := vote.Count{Method: data.MethodDots,
		Options:  []vote.Option{{ID: "A", Label: "Centro diurno"}, {ID: "B", Label: "Trasporto sociale"}},
		Criteria: []vote.Criterion{{ID: "urgenza", Weight: 2}, {ID: "fattibilita", Weight: 1}},
		Voters:   []vote.Voter{{ID: "magione", Weight: 14700, Present: true}, {ID: "paciano", Weight: 950}},
		Rules: vote.Rules{Members: 8, Quorum: data.Quorum{Kind: data.QuorumHalfPlusOne}, MajorityBase: data.BaseVotanti,
			Threshold: data.ThresholdAbsolute, Weighting: data.WeightHead, DotsPerVoter: 5, MaxPerOption: 3,
			PointsPerVoter: 100, ScaleMin: 1, ScaleMax: 5, TieBreak: data.TieLot, Chair: "magione", Seed: seed(42)},
		// A ballot's fields of other methods are not read: the ranking of a dots ballot is ignored.
		Ballots: []vote.Ballot{{Voter: "magione", Allocation: map[string]int{"A": 3, "B": 2}}, {Count: 5}},
	}
	// Criteria are read only for a criteria-scoring vote.
	want.Criteria = nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("ParseFile(issue example) = %s, want %s", file(c), file(want))
	}
	r := mustTally(t, c)
	got := fmt.Sprintf("%s; winner %s; %d valid; nulle %q", ranking(r), winner(r), r.Valid, invalid(r))
	if w := `1:A=3 2:B=2; winner A; 1 valid; nulle "1×5: la scheda non indica a chi vanno i bollini"`; got != w {
		t.Errorf("Tally(issue example) = %s, want %s", got, w)
	}
}

// ids writes n objects with ids x0, x1, … as a JSON list.
func ids(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"id": "x%d"}`, i)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func TestParseFileMalformed(t *testing.T) {
	const dots = `"method": "dots", "options": [{"id": "A"}, {"id": "B"}]`
	tests := []struct {
		name, file, key string
		args            map[string]any
	}{
		{"empty", "", "err.tally.empty", nil},
		{"blank", " \n\t", "err.tally.empty", nil},
		{"not JSON", `{"method": "dots",`, "err.tally.json", map[string]any{"line": 1}},
		{"not JSON on line 3", "{\n\"method\": \"dots\",\n\"options\": [}", "err.tally.json", map[string]any{"line": 3}},
		{"a comment is not JSON", "{\"method\": \"motion\" // mozione\n}", "err.tally.json", nil},
		{"trailing commas are not JSON", `{"method": "motion", "ballots": [],}`, "err.tally.json", nil},
		{"text after the object", `{"method": "motion"} {}`, "err.tally.json", nil},
		{"an array", `[{"method": "motion"}]`, "err.tally.not_object", nil},
		{"null", `null`, "err.tally.not_object", nil},
		{"no method", `{"ballots": []}`, "err.tally.method_missing", nil},
		{"keys match exactly", `{"Method": "motion"}`, "err.tally.unknown_key_top", map[string]any{"key": "Method"}},
		{"an empty method", `{"method": ""}`, "err.tally.method_missing", nil},
		{"an unknown method", `{"method": "sorteggio"}`, "err.tally.method", map[string]any{"value": "sorteggio"}},
		{"a method that is not text", `{"method": 3}`, "err.tally.method", map[string]any{"value": "3"}},
		{"no options", `{"method": "borda"}`, "err.tally.options_missing", map[string]any{"method": "borda"}},
		{"no options in the list", `{"method": "approval", "options": []}`, "err.tally.options_missing", nil},
		{"options not a list", `{"method": "dots", "options": {"A": "Centro"}}`, "err.tally.options", nil},
		{"an option not an object", `{"method": "dots", "options": ["A"]}`, "err.tally.option", map[string]any{"n": 1}},
		{"an option id not text", `{"method": "dots", "options": [{"id": "A"}, {"id": 2}]}`, "err.tally.option", map[string]any{"n": 2}},
		{"an option without id", `{"method": "dots", "options": [{"label": "Centro"}]}`, "err.tally.option_id", map[string]any{"n": 1}},
		{"an option repeated", `{"method": "dots", "options": [{"id": "A"}, {"id": "B"}, {"id": "A"}]}`,
			"err.tally.option_repeated", map[string]any{"id": "A"}},
		{"no criteria", `{"method": "score", "options": [{"id": "A"}]}`, "err.tally.criteria_missing", nil},
		{"criteria not a list", `{"method": "score", "options": [{"id": "A"}], "criteria": "urgenza"}`, "err.tally.criteria", nil},
		{"a criterion's weight as text", `{"method": "score", "options": [{"id": "A"}], "criteria": [{"id": "u", "weight": "2"}]}`,
			"err.tally.criterion", map[string]any{"n": 1}},
		{"a criterion without id", `{"method": "score", "options": [{"id": "A"}], "criteria": [{"weight": 2}]}`,
			"err.tally.criterion_id", nil},
		{"a criterion repeated", `{"method": "score", "options": [{"id": "A"}], "criteria": [{"id": "u"}, {"id": "u"}]}`,
			"err.tally.criterion_repeated", map[string]any{"id": "u"}},
		{"a negative criterion weight", `{"method": "score", "options": [{"id": "A"}], "criteria": [{"id": "u", "weight": -1}]}`,
			"err.tally.criterion_weight", map[string]any{"id": "u"}},
		{"voters not a list", `{` + dots + `, "voters": 8}`, "err.tally.voters", nil},
		{"present not true or false", `{` + dots + `, "voters": [{"id": "a", "present": "sì"}]}`, "err.tally.voter", map[string]any{"n": 1}},
		{"a fractional population", `{` + dots + `, "voters": [{"id": "a", "weight": 1500.5}]}`, "err.tally.voter_weight",
			map[string]any{"id": "a", "value": "1500.5"}},
		{"a negative population", `{` + dots + `, "voters": [{"id": "a", "weight": -3}]}`, "err.tally.voter_weight", nil},
		{"a voter without id", `{` + dots + `, "voters": [{"id": "a"}, {"weight": 3}]}`, "err.tally.voter_id", map[string]any{"n": 2}},
		{"a voter repeated", `{` + dots + `, "voters": [{"id": "a"}, {"id": "a"}]}`, "err.tally.voter_repeated", map[string]any{"id": "a"}},
		{"rules not an object", `{` + dots + `, "rules": ["lot"]}`, "err.tally.rules", nil},
		{"an unknown quorum", `{` + dots + `, "rules": {"quorum": "most"}}`, "err.tally.rule", map[string]any{"rule": "quorum", "value": "most"}},
		{"a negative quorum", `{` + dots + `, "rules": {"quorum": -1}}`, "err.tally.rule", map[string]any{"rule": "quorum"}},
		{"a fractional quorum", `{` + dots + `, "rules": {"quorum": 2.5}}`, "err.tally.rule", map[string]any{"rule": "quorum"}},
		{"an unknown majority base", `{` + dots + `, "rules": {"majority_base": "tutti"}}`, "err.tally.rule",
			map[string]any{"rule": "majority_base", "value": "tutti"}},
		{"an unknown threshold", `{` + dots + `, "rules": {"threshold": "unanimity"}}`, "err.tally.rule",
			map[string]any{"rule": "threshold", "value": "unanimity"}},
		{"an unknown weighting", `{` + dots + `, "rules": {"weighting": "area"}}`, "err.tally.rule", map[string]any{"rule": "weighting"}},
		{"an unknown tie-break", `{` + dots + `, "rules": {"tie_break": "coin"}}`, "err.tally.rule", map[string]any{"rule": "tie_break"}},
		{"a threshold that is not text", `{` + dots + `, "rules": {"threshold": 2}}`, "err.tally.rule", map[string]any{"rule": "threshold"}},
		{"a seed as text", `{` + dots + `, "rules": {"tie_break": "lot", "seed": "abc"}}`, "err.tally.rule", map[string]any{"rule": "seed"}},
		{"a fractional seed", `{` + dots + `, "rules": {"tie_break": "lot", "seed": 4.2}}`, "err.tally.rule", map[string]any{"rule": "seed"}},
		{"a lot without seed", `{` + dots + `, "rules": {"tie_break": "lot"}}`, "err.tally.seed_missing", nil},
		{"a lot with a null seed", `{` + dots + `, "rules": {"tie_break": "lot", "seed": null}}`, "err.tally.seed_missing", nil},
		{"fractional dots", `{` + dots + `, "rules": {"dots_per_voter": 2.5}}`, "err.tally.rule", map[string]any{"rule": "dots_per_voter"}},
		{"negative points", `{` + dots + `, "rules": {"points_per_voter": -100}}`, "err.tally.rule", map[string]any{"rule": "points_per_voter"}},
		{"members as text", `{` + dots + `, "rules": {"members": "otto"}}`, "err.tally.rule", map[string]any{"rule": "members", "value": "otto"}},
		{"too many dots", `{` + dots + `, "rules": {"dots_per_voter": 1e12}}`, "err.tally.rule", map[string]any{"rule": "dots_per_voter"}},
		{"a scale upside down", `{` + dots + `, "rules": {"scale_min": 5, "scale_max": 1}}`, "err.tally.scale", map[string]any{"min": 5, "max": 1}},
		{"a scale of one value", `{` + dots + `, "rules": {"scale_min": 3, "scale_max": 3}}`, "err.tally.scale", nil},
		{"a minimum above the default maximum", `{` + dots + `, "rules": {"scale_min": 6}}`, "err.tally.scale", map[string]any{"min": 6, "max": 5}},
		{"fewer members than voters", `{` + dots + `, "voters": [{"id": "a"}, {"id": "b"}], "rules": {"members": 1}}`,
			"err.tally.members", map[string]any{"members": 1, "voters": 2}},
		{"more present than members", `{` + dots + `, "rules": {"members": 8, "present": 9}}`,
			"err.tally.present", map[string]any{"present": 9, "members": 8}},
		{"ballots not a list", `{` + dots + `, "ballots": {"voter": "a"}}`, "err.tally.ballots", nil},
		{"a count of 0", `{` + dots + `, "ballots": [{"allocation": {}}, {"count": 0, "allocation": {"A": 1}}]}`,
			"err.tally.count", map[string]any{"n": 2, "value": "0"}},
		{"a negative count", `{` + dots + `, "ballots": [{"count": -2, "allocation": {"A": 1}}]}`, "err.tally.count", nil},
		{"a fractional count", `{` + dots + `, "ballots": [{"count": 2.5, "allocation": {"A": 1}}]}`, "err.tally.count", nil},
		{"a count as text", `{` + dots + `, "ballots": [{"count": "3", "allocation": {"A": 1}}]}`, "err.tally.count", nil},
		{"a count beyond belief", `{` + dots + `, "ballots": [{"count": 1e9, "allocation": {"A": 1}}]}`, "err.tally.count", nil},
		{"a thousand options are enough", `{"method": "schulze", "options": ` + ids(1001) + `}`, "err.tally.too_many_options",
			map[string]any{"n": 1001}},
		{"a hundred criteria are enough", `{"method": "score", "options": [{"id": "A"}], "criteria": ` + ids(101) + `}`,
			"err.tally.too_many_criteria", map[string]any{"n": 101}},
		{"too many ballots in all", `{` + dots + `, "ballots": [{"count": 60000, "allocation": {}}, {"count": 60000, "allocation": {}}]}`,
			"err.tally.too_many", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := vote.ParseFile([]byte(withBallots(tt.file)))
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

// withBallots adds an empty list of ballots to a file that names none. A file must list its ballots, and
// the cases that test something else would otherwise all fail on that first.
func withBallots(file string) string {
	if strings.Contains(file, `"ballots"`) {
		return file
	}
	i := strings.Index(file, "{")
	if i < 0 || strings.TrimSpace(strings.TrimPrefix(file[:i], "\uFEFF")) != "" {
		return file
	}
	return file[:i+1] + `"ballots": [], ` + file[i+1:]
}

func TestParseFileAccepts(t *testing.T) {
	tests := []struct {
		name, file string
		check      func(vote.Count) bool
	}{
		{"a byte-order mark", "\uFEFF{\"method\": \"motion\"}", func(c vote.Count) bool { return c.Method == data.MethodMotion }},
		{"a motion needs no options, and ignores broken ones", `{"method": "motion", "options": 7, "criteria": "x"}`,
			func(c vote.Count) bool { return c.Options == nil }},
		{"voters present and of weight 1 unless said", `{"method": "motion", "voters": [{"id": "a"}, {"id": "b", "present": false, "weight": 950}]}`,
			func(c vote.Count) bool {
				return reflect.DeepEqual(c.Voters, []vote.Voter{{ID: "a", Weight: 1, Present: true}, {ID: "b", Weight: 950}})
			}},
		{"the defaults", `{"method": "motion"}`, func(c vote.Count) bool {
			r := c.Rules
			return r.Quorum.Kind == data.QuorumHalfPlusOne && r.MajorityBase == data.BaseVotanti &&
				r.Threshold == data.ThresholdSimple && r.Weighting == data.WeightHead && r.TieBreak == data.TieNone &&
				r.DotsPerVoter == 5 && r.MaxPerOption == 5 && r.PointsPerVoter == 100 && r.ScaleMin == 1 && r.ScaleMax == 5 &&
				!r.BlankVotanti
		}},
		{"schede bianche e nulle among the votanti", `{"method": "motion", "rules": {"blank_votanti": true}}`,
			func(c vote.Count) bool { return c.Rules.BlankVotanti }},
		{"blank_votanti false is the default", `{"method": "motion", "rules": {"blank_votanti": false}}`,
			func(c vote.Count) bool { return !c.Rules.BlankVotanti }},
		{"empty texts and zeros are rules not given", `{"method": "motion", "rules": {"quorum": "", "threshold": "",
			"members": 0, "dots_per_voter": 0, "scale_min": 0, "scale_max": 0, "chair": "", "seed": null}}`,
			func(c vote.Count) bool {
				return c.Rules.Quorum.Kind == data.QuorumHalfPlusOne && c.Rules.DotsPerVoter == 5 && c.Rules.ScaleMin == 1
			}},
		{"a quorum as a number or as text", `{"method": "motion", "rules": {"quorum": "3"}}`,
			func(c vote.Count) bool { return c.Rules.Quorum == data.Quorum{Kind: data.QuorumNumber, N: 3} }},
		{"a scale from 0", `{"method": "motion", "rules": {"scale_min": 0}}`,
			func(c vote.Count) bool { return c.Rules.ScaleMin == 0 && c.Rules.ScaleMax == 5 }},
		{"a scale up to 10", `{"method": "motion", "rules": {"scale_max": 10}}`,
			func(c vote.Count) bool { return c.Rules.ScaleMin == 1 && c.Rules.ScaleMax == 10 }},
		{"a max per option without dots", `{"method": "dots", "options": [{"id": "A"}], "rules": {"max_per_option": 2}}`,
			func(c vote.Count) bool { return c.Rules.DotsPerVoter == 5 && c.Rules.MaxPerOption == 2 }},
		{"a criterion's weight defaults to 1", `{"method": "score", "options": [{"id": "A"}], "criteria": [{"id": "u"}, {"id": "f", "weight": 0.5}]}`,
			func(c vote.Count) bool {
				return reflect.DeepEqual(c.Criteria, []vote.Criterion{{ID: "u", Weight: 1}, {ID: "f", Weight: 0.5}})
			}},
		{"no ballots", `{"method": "approval", "options": [{"id": "A"}], "ballots": []}`, func(c vote.Count) bool { return c.Ballots != nil && len(c.Ballots) == 0 }},
		{"an empty allocation stays empty", `{"method": "dots", "options": [{"id": "A"}], "ballots": [{"allocation": {}}, {}]}`,
			func(c vote.Count) bool { return c.Ballots[0].Allocation != nil && c.Ballots[1].Allocation == nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := vote.ParseFile([]byte(withBallots(tt.file)))
			if err != nil || !tt.check(c) {
				t.Errorf("ParseFile(%s) = %s, %v; want it read as its name says", tt.file, file(c), err)
			}
		})
	}
}

// TestParseFileVoidBallots: a ballot the file damages voids itself only, and is listed at its place.
func TestParseFileVoidBallots(t *testing.T) {
	tests := []struct {
		method, options, ballot, reason string
	}{
		{"dots", `[{"id": "A"}]`, `3`, "la scheda non è scritta nella forma prevista"},
		{"dots", `[{"id": "A"}]`, `null`, "la scheda non è scritta nella forma prevista"},
		{"dots", `[{"id": "A"}]`, `{"allocation": {"A": "3"}}`, "la scheda non è leggibile: «allocation» non è scritto nella forma prevista"},
		{"dots", `[{"id": "A"}]`, `{"allocation": [["A", 3]]}`, "la scheda non è leggibile: «allocation» non è scritto nella forma prevista"},
		{"dots", `[{"id": "A"}, {"id": "B"}]`, `{"allocation": {"B": 1.5, "A": 0.5}}`, "assegna a «A» un numero non intero di bollini"},
		{"points", `[{"id": "A"}]`, `{"allocation": {"A": 33.3}}`, "assegna a «A» un numero non intero di punti"},
		{"points", `[{"id": "A"}]`, `{"allocation": {"A": 1e300}}`, "assegna a «A» più di 100 punti"},
		{"points", `[{"id": "A"}]`, `{"allocation": {"A": -1e300}}`, "assegna a «A» un numero negativo di punti"},
		{"dots", `[{"id": "A"}]`, `{"allocation": {"A": 2.0}, "voter": 7}`, "la scheda non è leggibile: «voter» non è scritto nella forma prevista"},
		{"motion", ``, `{"choice": true}`, "la scheda non è leggibile: «choice» non è scritto nella forma prevista"},
		{"borda", `[{"id": "A"}]`, `{"ranking": "A"}`, "la scheda non è leggibile: «ranking» non è scritto nella forma prevista"},
		{"schulze", `[{"id": "A"}]`, `{"ranking": ["A", 2]}`, "la scheda non è leggibile: «ranking» non è scritto nella forma prevista"},
		{"approval", `[{"id": "A"}]`, `{"approve": {"A": true}}`, "la scheda non è leggibile: «approve» non è scritto nella forma prevista"},
		{"score", `[{"id": "A"}]`, `{"scores": {"A": {"u": 2.5}}}`, "il punteggio di «A» per «u» non è un numero intero"},
		{"score", `[{"id": "A"}]`, `{"scores": {"A": [2]}}`, "la scheda non è leggibile: «scores» non è scritto nella forma prevista"},
		{"score", `[{"id": "A"}]`, `{"scores": {"A": null}}`, "manca il punteggio di «A» per «u»"},
		{"score", `[{"id": "A"}]`, `{"scores": {"A": {"u": 1e300}}}`, "il punteggio di «A» per «u» è fuori dalla scala da 1 a 5"},
	}
	for _, tt := range tests {
		name := tt.method + " " + tt.ballot
		t.Run(name, func(t *testing.T) {
			src := fmt.Sprintf(`{"method": %q, "criteria": [{"id": "u"}], "ballots": [%s, %s]}`, tt.method, tt.ballot, validBallot(tt.method))
			if tt.options != "" {
				src = strings.Replace(src, `{"method"`, `{"options": `+tt.options+`, "method"`, 1)
			}
			c, err := vote.ParseFile([]byte(src))
			if err != nil {
				t.Fatalf("ParseFile(%s) error %v, want a count", src, err)
			}
			r := mustTally(t, c)
			if got, want := invalid(r), "0×1: "+tt.reason; got != want || r.Valid != 1 {
				t.Errorf("Tally(ParseFile(%s)) = %d valid, nulle %q; want 1 valid, nulle %q", src, r.Valid, got, want)
			}
		})
	}
}

// validBallot is a valid ballot of the method on option A and criterion u.
func validBallot(method string) string {
	switch method {
	case "motion":
		return `{"choice": "favorevole"}`
	case "dots", "points":
		return `{"allocation": {"A": 1}}`
	case "borda", "schulze":
		return `{"ranking": ["A"]}`
	case "score":
		return `{"scores": {"A": {"u": 3}}}`
	}
	return `{"approve": ["A"]}`
}

// TestFileRoundTrip: a count written with json.Marshal reads back as the same count, so a vote
// exported from the meeting recounts to the same result.
func TestFileRoundTrip(t *testing.T) {
	counts := []vote.Count{
		{Method: data.MethodMotion, Voters: mayors("paciano"), Rules: vote.Rules{Weighting: data.WeightDouble,
			Quorum: data.Quorum{Kind: data.QuorumNumber, N: 0}}, Ballots: choices("castiglione", "favorevole", "tuoro", "astenuto")},
		{Method: data.MethodDots, Options: options("A", "B"), Ballots: []vote.Ballot{alloc("", "A", 2), alloc(""), {Count: 3}}},
		{Method: data.MethodApproval, Options: options("A", "B"), Rules: vote.Rules{TieBreak: data.TieLot, Seed: seed(-7)},
			Ballots: []vote.Ballot{{Approve: []string{}}, {Approve: []string{"A"}}, {Approve: []string{"B"}}}},
		{Method: data.MethodScore, Options: options("A"), Criteria: []vote.Criterion{{ID: "u", Weight: 0.25}},
			Rules: vote.Rules{ScaleMin: 0, ScaleMax: 3}, Ballots: []vote.Ballot{{Scores: scores("A", "u", 0)}}},
		schulzeExample(t),
		{Method: data.MethodMotion, Rules: vote.Rules{Members: 11, Threshold: data.ThresholdAbsolute, BlankVotanti: true},
			Ballots: []vote.Ballot{{Count: 5, Choice: vote.Favorevole}, {Count: 4, Choice: vote.Contrario}, {Count: 2}}},
	}
	for _, c := range counts {
		t.Run(string(c.Method), func(t *testing.T) {
			want := mustTally(t, c)
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			back, err := vote.ParseFile(b)
			if err != nil {
				t.Fatalf("ParseFile(%s) error %v", b, err)
			}
			got := mustTally(t, back)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Tally(ParseFile(%s)) = %+v, want %+v", b, got, want)
			}
		})
	}
}
