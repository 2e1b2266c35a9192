"""The entry line: its grammar (`grammar`), what a line stores (`storing`), and a
file of lines replayed into a meeting (`replay`). Pure domain logic: the meeting
screen and `minutes enter` both use it, so a line is read the same way in each."""
