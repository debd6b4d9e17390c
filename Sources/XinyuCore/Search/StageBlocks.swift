import XinyuMIP

// The teachers-fixed stages (feasibility, preferences) solved block by block.
//
// With each class's teacher fixed, classes interact only through rows that share columns: a
// teacher's rows (one place per time, day and week caps, load balance), the replaced-rows family,
// and the one shortfall-cap row over every class. So a school's model falls apart into blocks —
// about one per teacher — that `solveByBlocks` solves apart: a simplex iteration works on the
// whole basis, so one school-wide model costs about the square of the school and its blocks
// about its size (benchmarks/growth). The blocks are found from the model's own rows
// (`MIPModel.blocks`), not from which families couple what, so a family added later stays right.
//
// The shortfall cap is split: each block may miss no more lessons than it does in the incumbent
// (the warm start). That loses nothing when the shortfall is proven least: the blocks' least
// shortfalls (teachers fixed) sum to at least the school's least (teachers free), which the
// incumbent meets, and no block's least is above its incumbent's, so each block is at its least
// and cannot give any away. Otherwise the split model is the whole one restricted: its schedule
// is still one with the same shortfall, but its bound is no bound of the whole model, and
// `Planner` does not report it.

extension TermModel {
    /// How a teachers-fixed stage splits this model: the shortfall cap (if any) per block.
    var blockSplit: BlockSplit { BlockSplit(splitRows: helpers.shortfallCapRow.map { [$0] } ?? []) }
}
