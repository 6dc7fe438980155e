package vote

import (
	"strings"
	"unicode"

	"github.com/tavoli/tavoli/data"
)

// ParseCriteria reads criteria as a secretary types them, "urgenza:1,5, gravità:1": names with an
// optional weight (1 when not given), separated by commas or semicolons. A weight may be written with
// a decimal comma or point; a comma between two digits of a weight is a decimal comma, never the start
// of another criterion. Weights are exact decimals above zero, as in a ballot file.
func ParseCriteria(s string) ([]data.VoteCriterion, error) {
	var out []data.VoteCriterion
	seen := map[string]bool{}
	for _, part := range splitCriteria(s) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, weight, found := strings.Cut(part, ":")
		name = strings.TrimSpace(name)
		w := 1.0
		if found {
			text := strings.ReplaceAll(strings.TrimSpace(weight), ",", ".")
			var ok bool
			// Only digits and one point: exactWeight alone would also take "1e3" or "3/2".
			if w, ok = exactWeight(text); !ok || strings.Trim(text, "0123456789.") != "" || strings.Count(text, ".") > 1 {
				return nil, data.Errorf(data.EInvalid, "err.vote.criterion", "value", part)
			}
		}
		if name == "" || seen[name] {
			return nil, data.Errorf(data.EInvalid, "err.vote.criterion", "value", part)
		}
		seen[name] = true
		out = append(out, data.VoteCriterion{ID: name, Weight: w})
	}
	if len(out) == 0 {
		return nil, data.Errorf(data.EInvalid, "err.vote.criteria_required")
	}
	return out, nil
}

// splitCriteria cuts s at its separators: every semicolon, and every comma but a decimal comma, one
// that follows a colon and digits and comes right before a digit.
func splitCriteria(s string) []string {
	var parts []string
	r := []rune(s)
	start, inWeight := 0, false
	for i, c := range r {
		switch {
		case c == ':':
			inWeight = true
		case c == ',' && inWeight && i > 0 && unicode.IsDigit(r[i-1]) && i+1 < len(r) && unicode.IsDigit(r[i+1]):
			// a decimal comma: the weight goes on
		case c == ',' || c == ';':
			parts = append(parts, string(r[start:i]))
			start, inWeight = i+1, false
		}
	}
	return append(parts, string(r[start:]))
}
