package demo

import "time"

// relazione2026At is when the Ufficio di Piano wrote the introduction of the demo's 2026 relazione.
var relazione2026At = time.Date(2026, time.December, 1, 10, 30, 0, 0, time.UTC)

// relazione2026 is the introduction the demo's Ufficio di Piano wrote for its 2026 relazione annuale
// consuntiva, in the words an Ufficio di Piano uses with its mayors.
const relazione2026 = `Il 2026 è stato il primo anno di attuazione del Piano di Zona 2025-2027 dell'Ambito Territoriale n.5 del Trasimeno. A gennaio il Tavolo Alto della Concertazione ha espresso il suo parere sul documento di sintesi dei tavoli tematici e il 12 febbraio il Tavolo dei Sindaci ha approvato le cinque priorità del Piano, in continuità con il percorso partecipato avviato nell'autunno 2025.
Le priorità sono tutte avviate. L'albo delle assistenti familiari è realizzato: lo sportello domanda-offerta è aperto dal 1° ottobre. Il trasporto sociale di Ambito, il Centro per le famiglie e lo sportello d'ascolto nelle scuole procedono nei tempi previsti; i tirocini di inclusione in agricoltura sociale sono in ritardo, perché le convenzioni con le aziende agricole non sono state firmate entro giugno: l'Ufficio di Piano propone di rivederne il calendario con la cooperativa che li gestisce.
Dei fondi assegnati alle priorità è stato speso circa un terzo, in linea con l'avvio dei servizi nella seconda metà dell'anno. La relazione dà conto anche delle azioni decise nelle sedute, di quelle svolte e di quelle ancora aperte, che saranno verificate nella prossima seduta di ciascun organo.
L'Ufficio di Piano ringrazia i Comuni, l'USL Umbria 1, le scuole, le organizzazioni del terzo settore e i cittadini che hanno partecipato ai tavoli.`
