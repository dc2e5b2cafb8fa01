"""One Gowalla epoch of PyTorch Geometric's LightGCN with the authors' settings, timed.

    python3 Benchmarks/pyg/epoch.py ../shared/data/gowalla [BATCHES]

The authors' protocol: as many BPR triples as training interactions, each a uniformly drawn
user (among users with items), one of their items, and an item they do not have; batches of
2048; 3 layers, dimension 64, Adam at 0.001, L2 weight 1e-4 on the batch's layer-0 rows
(PyG's `recommendation_loss`). Every step propagates over the whole training graph, as PyG's
LightGCN example does, through a sparse CSR adjacency normalised once: PyG's fastest path here
(a forward pass over `edge_index` took 1.5 s on this machine, over the CSR tensor 0.1 s). Prints the seconds of
the training loop (sampling included) and per batch.
The counterpart: `lightgcn train --data gowalla --paper-protocol --epochs 1 --eval-every 0
--no-train-metrics --json` (`trainingSeconds`).
"""
import sys
import time

import numpy as np
import torch
from torch_geometric.nn import LightGCN
from torch_geometric.nn.conv.gcn_conv import gcn_norm
from torch_geometric.utils import to_torch_csr_tensor


def read(path):
    users, items = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            u = int(parts[0])
            for i in parts[1:]:
                users.append(u)
                items.append(int(i))
    return np.asarray(users, dtype=np.int64), np.asarray(items, dtype=np.int64)


def main():
    root = sys.argv[1]
    max_batches = int(sys.argv[2]) if len(sys.argv) > 2 else None
    torch.manual_seed(2020)
    rng = np.random.default_rng(2020)
    users, items = read(root + "/train.txt")
    test_users, test_items = read(root + "/test.txt")
    user_count = int(max(users.max(), test_users.max())) + 1
    item_count = int(max(items.max(), test_items.max())) + 1
    edge = torch.from_numpy(np.stack([users, items + user_count]))
    edge_index = torch.cat([edge, edge.flip(0)], dim=1)
    nodes = user_count + item_count
    # The symmetric normalisation D^{-1/2} A D^{-1/2} once, not in every layer of every step.
    normalized_index, weight = gcn_norm(edge_index, None, nodes, add_self_loops=False)
    adjacency = to_torch_csr_tensor(normalized_index, weight, size=(nodes, nodes))
    model = LightGCN(nodes, embedding_dim=64, num_layers=3, normalize=False)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

    order = np.argsort(users, kind="stable")
    offsets = np.zeros(user_count + 1, dtype=np.int64)
    np.add.at(offsets, users + 1, 1)
    offsets = np.cumsum(offsets)
    sorted_items = items[order]
    known = np.sort(users * item_count + items)
    with_items = np.nonzero(offsets[1:] > offsets[:-1])[0]

    n = len(users)
    batch = 2048
    batches = (n + batch - 1) // batch
    if max_batches:
        batches = min(batches, max_batches)
    start = time.perf_counter()
    for b in range(batches):
        size = min(batch, n - b * batch)
        bu = with_items[rng.integers(0, len(with_items), size)]
        counts = offsets[bu + 1] - offsets[bu]
        bp = sorted_items[offsets[bu] + (rng.random(size) * counts).astype(np.int64)]
        bn = rng.integers(0, item_count, size)
        while True:
            keys = bu * item_count + bn
            at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
            clash = known[at] == keys
            if not clash.any():
                break
            bn[clash] = rng.integers(0, item_count, int(clash.sum()))
        tu, tp, tn = torch.from_numpy(bu), torch.from_numpy(bp + user_count), torch.from_numpy(bn + user_count)
        label_index = torch.cat([torch.stack([tu, tp]), torch.stack([tu, tn])], dim=1)
        optimizer.zero_grad()
        pos_rank, neg_rank = model(adjacency, label_index).chunk(2)
        loss = model.recommendation_loss(pos_rank, neg_rank, node_id=label_index.unique(), lambda_reg=1e-4)
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    print(f"PyG {torch_geometric_version()} torch {torch.__version__}, {torch.get_num_threads()} threads: "
          f"{batches} batches in {seconds:.1f} s ({seconds / batches * 1000:.1f} ms per batch; "
          f"{(n + batch - 1) // batch} batches make the epoch, {seconds / batches * ((n + batch - 1) // batch):.1f} s)")


def torch_geometric_version():
    import torch_geometric
    return torch_geometric.__version__


if __name__ == "__main__":
    main()
