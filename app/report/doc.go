// Package report makes the documents of a session: the convocation letter, the attendance sheet
// (foglio presenze), the minutes (verbale) as PDF, and the calendar file (.ics).
//
// Every document is a pure function of a data.Dossier: no clock, no files, no fyne. The same dossier
// gives the same bytes, because an approved verbale is kept byte for byte and a copy printed later
// must match it. The documents are official Italian acts, so their words are written here in Italian
// rather than taken from the interface's translations.
package report
