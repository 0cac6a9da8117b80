"""A board game with classes, lists and random: random playouts of
connect-four on a 7x6 board, as a Monte-Carlo player does.

main(n) plays n random games with a seeded random.Random and returns the
wins of each side and the draws."""

import random

DEFAULT_N = 3000

ROWS, COLS = 6, 7


class Board:
    def __init__(self):
        self.cells = [[0] * COLS for _ in range(ROWS)]
        self.heights = [0] * COLS
        self.moves = 0

    def legal(self):
        return [c for c in range(COLS) if self.heights[c] < ROWS]

    def play(self, col, who):
        row = self.heights[col]
        self.cells[row][col] = who
        self.heights[col] = row + 1
        self.moves += 1
        return self.wins_at(row, col, who)

    def count(self, row, col, dr, dc, who):
        n = 0
        r, c = row + dr, col + dc
        while 0 <= r < ROWS and 0 <= c < COLS and self.cells[r][c] == who:
            n += 1
            r += dr
            c += dc
        return n

    def wins_at(self, row, col, who):
        for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
            if 1 + self.count(row, col, dr, dc, who) + \
                    self.count(row, col, -dr, -dc, who) >= 4:
                return True
        return False


class Player:
    def __init__(self, who, rng):
        self.who = who
        self.rng = rng

    def choose(self, board):
        moves = board.legal()
        centre = [m for m in moves if 2 <= m <= 4]
        if centre and self.rng.random() < 0.3:
            return self.rng.choice(centre)
        return moves[self.rng.randrange(len(moves))]


def main(n):
    rng = random.Random(1234)
    results = [0, 0, 0]
    for _ in range(n):
        board = Board()
        players = [Player(1, rng), Player(2, rng)]
        winner = 0
        turn = 0
        while board.moves < ROWS * COLS:
            p = players[turn]
            if board.play(p.choose(board), p.who):
                winner = p.who
                break
            turn = 1 - turn
        results[winner] += 1
    return results


if __name__ == "__main__":
    print(main(DEFAULT_N))
