package dev.fjord.wallet;

import java.util.List;

public record WalletPage(List<Wallet> wallets, long totalCount) {}
