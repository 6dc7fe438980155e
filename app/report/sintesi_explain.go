package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// explanations follows the priority list with how each priority's score was made, so that a mayor can
// redo it: the votes it counts, the share each gave and why, the mean; for a merged proposal, which
// original proposals the figure counts and what counting the others too would have given.
func (w sintesi) explanations() {
	doc := w.doc
	byVoters := w.weighing() == data.WeighVoters
	heading := false
	for i, r := range w.s.Priorities {
		if !w.inArea(r.AreaID) || r.Rank <= 0 || len(r.Counted) == 0 {
			continue
		}
		if !heading {
			doc.heading("Come si forma il punteggio di ciascuna priorità", stHeading)
			heading = true
		}
		pos := r.Priority
		if pos <= 0 {
			pos = i + 1
		}
		doc.need(3 * stBody.lead)
		doc.item(strconv.Itoa(pos)+".", strings.TrimSpace(r.Title)+": "+italian.Share(r.Score), stBold, 2)
		for _, c := range r.Counted {
			doc.item("–", countedLine(c), stBody, 10)
		}
		doc.paragraphs(meanLine(r.Counted, r.Score, byVoters), stBody, 10)
		if len(r.Left) > 0 {
			doc.paragraphs(setAsideLine(r, byVoters), stBody, 10)
		}
		doc.space(1.5)
	}
}

// weighing is how the office weighs the tables' votes: the synthesis's own choice, or the Ambito's.
func (w sintesi) weighing() data.Weighing {
	if w.s.Weighing.Valid() {
		return w.s.Weighing
	}
	return w.s.Ambito.Weighing
}

// countedLine is one vote in a score: "Tavolo tematico Anziani, 16 ottobre 2025, graduatoria
// Condorcet-Schulze (7 schede valide): 1° posto su 4, quota (4 − 1)/(4 − 1) = 1,00".
func countedLine(c data.Counted) string {
	s := strings.Join(nonEmpty(strings.TrimSpace(c.BodyName), italian.Day(c.Date)), ", ") + ", " + shortMethod(c.Method) +
		" (" + italian.Int(int64(c.Valid)) + plural(int64(c.Valid), " scheda valida", " schede valide") + "): " + shareWhy(c)
	if len(c.Via) > 0 {
		var titles []string
		for _, t := range c.Via {
			titles = append(titles, quote(t))
		}
		s += "; votata come " + joinAnd(titles)
	}
	return s + "."
}

// shareWhy is how a vote's share comes from what the proposal got in it.
func shareWhy(c data.Counted) string {
	share := italian.Share(c.Share)
	switch c.Method {
	case data.MethodSchulze:
		if c.Options <= 1 {
			return "unica proposta in votazione, quota " + share
		}
		n, p := strconv.Itoa(c.Options), strconv.Itoa(c.Rank)
		place := p + "° posto su " + n
		if c.Tied {
			place += " a pari merito"
		}
		return place + ", quota (" + n + " − " + p + ")/(" + n + " − 1) = " + share
	case data.MethodScore:
		lo, hi := c.ScaleMin, c.ScaleMax
		if lo == 0 && hi == 0 {
			lo, hi = 1, 5
		}
		l, h := strconv.Itoa(lo), strconv.Itoa(hi)
		return "media " + italian.Share(c.Score) + " su una scala da " + l + " a " + h + ", quota (" + italian.Share(c.Score) +
			" − " + l + ")/(" + h + " − " + l + ") = " + share
	}
	got, of := Score(c.Score), Score(c.Total)
	what := map[data.VoteMethod][2]string{
		data.MethodDots:     {" bollino", " bollini"},
		data.MethodPoints:   {" punto", " punti"},
		data.MethodBorda:    {" punto Borda", " punti Borda"},
		data.MethodApproval: {" approvazione", " approvazioni"},
	}[c.Method]
	unit := what[1]
	if c.Score == 1 {
		unit = what[0]
	}
	return got + unit + " su " + of + ", quota " + got + "/" + of + " = " + share
}

// shortMethod names a priority vote's method in a clause.
func shortMethod(m data.VoteMethod) string {
	switch m {
	case data.MethodDots:
		return "voto a bollini"
	case data.MethodPoints:
		return "100 punti"
	case data.MethodBorda:
		return "graduatoria Borda"
	case data.MethodSchulze:
		return "graduatoria Condorcet-Schulze"
	case data.MethodScore:
		return "punteggio per criteri"
	case data.MethodApproval:
		return "voto per approvazione"
	}
	return methodLabel(m)
}

// meanLine is the mean of the shares as a reader redoes it: "Punteggio: media delle quote, (1,00 +
// 0,40)/2 = 0,70", or weighed by the valid ballots of each vote.
func meanLine(counted []data.Counted, score float64, byVoters bool) string {
	switch {
	case len(counted) == 1:
		return "Punteggio: la quota dell'unica votazione, " + italian.Share(score) + "."
	case byVoters:
		return "Punteggio: media pesata con le schede valide, " + meanFormula(counted, score, byVoters) + "."
	}
	return "Punteggio: media delle quote, " + meanFormula(counted, score, byVoters) + "."
}

// meanFormula is the mean written out: "(1,00 + 0,40)/2 = 0,70", or "(1,00 × 7 + 0,40 × 5)/12 = 0,75".
func meanFormula(counted []data.Counted, score float64, byVoters bool) string {
	var terms []string
	total := 0
	for _, c := range counted {
		if byVoters {
			terms = append(terms, italian.Share(c.Share)+" × "+italian.Int(int64(c.Valid)))
			total += c.Valid
		} else {
			terms = append(terms, italian.Share(c.Share))
			total++
		}
	}
	return "(" + strings.Join(terms, " + ") + ")/" + italian.Int(int64(total)) + " = " + italian.Share(score)
}

// setAsideLine says, for a merged proposal, which original proposals its figure leaves out and what
// counting them would have given: less, or the group kept would not be the best.
func setAsideLine(r data.Ranked, byVoters bool) string {
	var left []string
	for _, t := range r.Left {
		left = append(left, quote(t))
	}
	verb := "è accorpata"
	if len(left) > 1 {
		verb = "sono accorpate"
	}
	var votes []string
	for _, c := range r.SetAside {
		if len(c.Via) == 0 || !viaAny(c.Via, r.Left) {
			continue
		}
		votes = append(votes, strings.TrimSpace(c.BodyName)+", "+italian.Day(c.Date)+": "+shareWhy(c))
	}
	what := map[[2]bool]string{{false, false}: "le sue votazioni", {false, true}: "la sua votazione",
		{true, false}: "le loro votazioni", {true, true}: "la loro votazione"}[[2]bool{len(left) > 1, len(votes) == 1}]
	s := "Proposta accorpata: vi " + verb + " anche " + joinAnd(left) + ". Contando anche " + what + " ("
	return s + strings.Join(votes, "; ") + ") il punteggio sarebbe " + meanFormula(r.SetAside, r.Whole, byVoters) +
		", più basso di " + italian.Share(r.Score) + ": la proposta accorpata tiene il punteggio migliore (si veda la regola di calcolo)."
}

// viaAny reports whether a vote reached the proposal through one of the titles.
func viaAny(via, titles []string) bool {
	for _, v := range via {
		for _, t := range titles {
			if strings.TrimSpace(v) == strings.TrimSpace(t) {
				return true
			}
		}
	}
	return false
}
