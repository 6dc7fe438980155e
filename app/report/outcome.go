package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// Outcome states a vote's result in words with the rule that produced it, as a verbale writes it:
// "Approvata a maggioranza assoluta dei votanti: 5 favorevoli, 2 contrari, 1 astenuto." A motion
// nobody opposed is approved "all'unanimità dei presenti" (or "dei votanti" when some abstained). The
// screens, the results PDF and the verbale all say it the same way; OutcomeNamed adds the names.
func Outcome(r vote.Result) string { return outcome(r, named{}) }

// OutcomeNamed is Outcome as the verbale and the results PDF write it for vote v of the dossier: an
// open motion recorded seat by seat names its contrari and astenuti, seat and person ("contrari:
// Comune di Tuoro sul Trasimeno (Moretti Claudio)"; "all'unanimità dei votanti, astenuto il Comune di
// Paciano (Rossi Anna)"), the person being who held the seat when the vote opened. A secret vote, a
// vote recorded by totals and a priority vote name nobody.
func OutcomeNamed(d data.Dossier, v data.Vote, r vote.Result) string {
	return outcome(r, namedVoters(d, v, r))
}

// outcome is the one place that writes a vote's sentence, with the names when n has them.
func outcome(r vote.Result, n named) string {
	m := r.Motion
	figures := ""
	if m != nil {
		figures = motionFigures(m.Sums)
		if m.Weighted != nil {
			figures += "; per popolazione " + weightedFigures(*m.Weighted)
		}
	}
	var b strings.Builder
	switch r.Outcome() {
	case vote.OutcomeNoQuorum:
		b.WriteString("Non valida per mancanza del numero legale")
		if figures != "" {
			b.WriteString(" (" + figures + ")")
		}
	case vote.OutcomeApproved:
		switch unanimity(m.Sums) {
		case "presenti":
			b.WriteString("Approvata all'unanimità dei presenti: " + figures)
		case "votanti":
			b.WriteString("Approvata all'unanimità dei votanti" + abstained(n.astenuti) + ": " + figures)
			n.astenuti = nil // said already
		default:
			b.WriteString("Approvata " + majority(r.Rules) + ": " + figures)
		}
	case vote.OutcomeTied:
		b.WriteString("Respinta per parità: " + figures)
	case vote.OutcomeRejected:
		missed := "non raggiunta " + majorityNoun(r.Rules)
		if m.PassedByHeads && !m.PassedByWeight && r.Rules.Weighting == data.WeightDouble {
			missed = "raggiunta per componenti ma non per popolazione " + majorityNoun(r.Rules)
		}
		b.WriteString("Respinta: " + missed + " (" + figures + ")")
	case vote.OutcomeNoVotes:
		b.WriteString("Nessuna scheda valida")
	case vote.OutcomeWinner:
		first := r.Ranking[0]
		b.WriteString("Al primo posto " + quote(clean(first.Label)) + " con " + scoreWords(r.Method, first.Score))
		if tb := r.TieBreak; tb != nil && tb.Rule != data.TieNone {
			b.WriteString(", dopo lo spareggio " + tieBreakWords(*tb))
		}
	case vote.OutcomeTie:
		var tied []string
		for _, x := range r.Ranking {
			if x.Rank == 1 {
				tied = append(tied, quote(clean(x.Label)))
			}
		}
		b.WriteString("Parità al primo posto tra " + joinAnd(tied) + ", con " + scoreWords(r.Method, r.Ranking[0].Score) +
			" ciascuna: la parità resta da risolvere")
	}
	if len(n.contrari) > 0 {
		b.WriteString("; contrari: " + voterList(n.contrari, false))
	}
	if len(n.astenuti) > 0 {
		b.WriteString("; astenuti: " + voterList(n.astenuti, false))
	}
	b.WriteString(".")
	if n := invalidCount(r); n > 0 {
		b.WriteString(" " + plural(int64(n), "Una scheda nulla.", strconv.Itoa(n)+" schede nulle."))
	}
	return b.String()
}

// majorityNoun names the majority as a thing: "la maggioranza assoluta dei votanti".
func majorityNoun(r vote.Rules) string {
	switch r.Threshold {
	case data.ThresholdAbsolute, data.ThresholdTwoThirds:
		return "la " + strings.TrimPrefix(strings.TrimPrefix(majority(r), "a "), "con la ")
	}
	return "la maggioranza semplice (più favorevoli che contrari)"
}

// majority names the majority a motion needs: "a maggioranza assoluta dei votanti". When the schede
// bianche e nulle count among the votanti the base says so, since they raise the majority: "a
// maggioranza assoluta dei votanti, schede bianche e nulle comprese".
func majority(r vote.Rules) string {
	base := map[data.MajorityBase]string{data.BaseVotanti: "dei votanti", data.BasePresenti: "dei presenti",
		data.BaseComponenti: "dei componenti"}[r.MajorityBase]
	if r.MajorityBase == data.BaseVotanti && r.BlankVotanti {
		base += ", " + blankIncluded
	}
	switch r.Threshold {
	case data.ThresholdAbsolute:
		return "a maggioranza assoluta " + base
	case data.ThresholdTwoThirds:
		return "con la maggioranza dei due terzi " + base
	}
	return "a maggioranza semplice"
}

// blankIncluded is what the votanti include under the rule that counts the schede bianche e nulle.
const blankIncluded = "schede bianche e nulle comprese"

// motionFigures writes "5 favorevoli, 2 contrari, 1 astenuto".
func motionFigures(s vote.Sums) string {
	return strconv.FormatInt(s.Favorevoli, 10) + plural(s.Favorevoli, " favorevole", " favorevoli") + ", " +
		strconv.FormatInt(s.Contrari, 10) + plural(s.Contrari, " contrario", " contrari") + ", " +
		strconv.FormatInt(s.Astenuti, 10) + plural(s.Astenuti, " astenuto", " astenuti")
}

// weightedFigures writes the same sums by inhabitants: "30.450 favorevoli, 14.700 contrari, 0 astenuti".
func weightedFigures(s vote.Sums) string {
	return italian.Int(s.Favorevoli) + " favorevoli, " + italian.Int(s.Contrari) + " contrari, " +
		italian.Int(s.Astenuti) + " astenuti"
}

// scoreWords writes a first place's score with what it counts: "12 bollini", "3,40 di punteggio medio".
func scoreWords(m data.VoteMethod, x float64) string {
	n := Score(x)
	switch m {
	case data.MethodDots:
		return n + plural(int64(x), " bollino", " bollini")
	case data.MethodPoints:
		return n + plural(int64(x), " punto", " punti")
	case data.MethodBorda:
		return n + " punti Borda"
	case data.MethodSchulze:
		return "vittorie negli scontri diretti su " + n + plural(int64(x), " altra proposta", " altre proposte")
	case data.MethodScore:
		return "un punteggio medio di " + n
	case data.MethodApproval:
		return n + plural(int64(x), " approvazione", " approvazioni")
	}
	return n
}

// tieBreakWords says how a tie was broken: "per sorteggio (seme 42)", "con la scheda di chi presiede".
func tieBreakWords(tb vote.TieBreak) string {
	switch tb.Rule {
	case data.TieLot:
		if tb.Seed != nil {
			return "per sorteggio (seme " + strconv.FormatInt(*tb.Seed, 10) + ")"
		}
		return "per sorteggio"
	case data.TieChair:
		return "con la scheda di chi presiede"
	}
	return ""
}

// Score writes a score the Italian way: whole numbers plain, others with two decimals ("3,40").
func Score(x float64) string {
	if x == float64(int64(x)) {
		return italian.Int(int64(x))
	}
	return italian.Share(x)
}

func invalidCount(r vote.Result) int {
	n := 0
	for _, x := range r.Invalid {
		n += max(x.Count, 1)
	}
	return n
}

// joinAnd writes «A», «B» e «C».
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " e " + items[len(items)-1]
}
