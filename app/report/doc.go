// Package report makes the documents of Tavoli: for a session, the convocation letter, the attendance
// sheet (foglio presenze), the minutes (verbale), the results of a vote as PDF and the calendar file
// (.ics); for the Ufficio di Piano, the Documento di sintesi.
//
// Every document is a pure function of its data (a data.Dossier, a data.Synthesis): no clock, no files,
// no fyne. The same data gives the same bytes, because an approved verbale is kept byte for byte and a
// copy printed later must match it. The documents are official Italian acts, so their words are written
// here in Italian rather than taken from the interface's translations; and every PDF is PDF/A-2b, the
// archival format the public administration keeps and publishes (pdfa.go).
package report
