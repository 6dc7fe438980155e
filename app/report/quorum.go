package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// quorumSentence is the verbale's statement of the numero legale at the opening: who is present,
// what the rule of the call requires, and whether the seduta is valid. It says plainly when the
// quorum does not hold and what is missing, since the acts of an invalid seduta can be annulled.
//
// The president's title agrees with who presides: "la Presidente dichiara aperta la seduta".
func quorumSentence(q vote.Quorum, president data.Gender) string {
	if q.Seats == 0 {
		return "Non risultano componenti con diritto di voto: il numero legale non può essere verificato."
	}
	// A fixed number counts seats whatever the weighting (see vote.CheckQuorum).
	byHeads := q.ByHeads() || q.Rule.Kind == data.QuorumNumber
	byPopulation := q.ByPopulation() && q.Rule.Kind != data.QuorumNumber

	var b strings.Builder
	b.WriteString(plural(q.Present, "Presente ", "Presenti "))
	b.WriteString(strconv.FormatInt(q.Present, 10) + " " + plural(q.Present, "componente", "componenti"))
	b.WriteString(" su " + strconv.FormatInt(q.Seats, 10))
	if q.ByPopulation() {
		b.WriteString(", in rappresentanza di " + inhabitants(q.PresentPopulation) + " su " + italian.Int(q.Population))
	}
	call := callLabel(q.Call)
	if q.Rule.Kind == data.QuorumNone {
		b.WriteString("; in " + call + " la seduta è valida qualunque sia il numero dei presenti: ")
		b.WriteString(italian.President(president) + " dichiara aperta la seduta.")
		return b.String()
	}
	b.WriteString("; il numero legale richiesto in " + call + " è ")
	switch {
	case byHeads && byPopulation:
		b.WriteString("di " + strconv.FormatInt(q.Required, 10) + " " + plural(q.Required, "componente", "componenti") +
			" e " + inhabitants(q.RequiredPopulation))
	case byPopulation:
		b.WriteString("di " + inhabitants(q.RequiredPopulation))
	default:
		b.WriteString(strconv.FormatInt(q.Required, 10))
	}
	if q.Holds {
		b.WriteString(": constatata la validità della seduta, " + italian.President(president) + " dichiara aperta la seduta.")
		return b.String()
	}
	var missing []string
	if byHeads && !q.HeadsHold() {
		missing = append(missing, strconv.FormatInt(q.Missing(), 10)+" "+plural(q.Missing(), "componente", "componenti"))
	}
	if byPopulation && !q.PopulationHolds() {
		missing = append(missing, inhabitants(q.RequiredPopulation-q.PresentPopulation))
	}
	b.WriteString(": il numero legale non è raggiunto")
	if len(missing) > 0 {
		b.WriteString(" (" + plural(int64(len(missing)), missingVerb(missing[0]), "mancano") + " " + strings.Join(missing, " e ") + ")")
	}
	b.WriteString(" e la seduta non può validamente deliberare.")
	return b.String()
}

// missingVerb agrees "manca"/"mancano" with a single missing amount ("manca 1 componente").
func missingVerb(amount string) string {
	if strings.HasPrefix(amount, "1 ") {
		return "manca"
	}
	return "mancano"
}

// inhabitants is "15.150 abitanti" ("1 abitante").
func inhabitants(n int64) string { return italian.Int(n) + plural(n, " abitante", " abitanti") }

// quorumRule states what the numero legale of a call will be, for the convocation letter.
func quorumRule(r data.Rules, call data.Call) string {
	q := r.QuorumFor(call)
	intro := "Per la validità della seduta in " + callLabel(call) + " è necessaria la presenza "
	var share, article string
	switch q.Kind {
	case data.QuorumNone:
		return "In " + callLabel(call) + " la seduta è valida qualunque sia il numero dei presenti."
	case data.QuorumNumber:
		return intro + "di almeno " + strconv.Itoa(q.N) + " " + plural(int64(q.N), "componente", "componenti") + "."
	case data.QuorumHalfPlusOne:
		share, article = "la metà più uno", "della metà più uno"
	case data.QuorumOneThird:
		share, article = "almeno un terzo", "di almeno un terzo"
	default:
		return ""
	}
	switch r.Weighting {
	case data.WeightPopulation:
		return intro + "di componenti che rappresentino " + share + " della popolazione dell'Ambito."
	case data.WeightDouble:
		return intro + article + " dei componenti, che rappresentino anche " + share + " della popolazione dell'Ambito."
	}
	return intro + article + " dei componenti."
}
