import unittest

import soluzion6_02 as sz


class BaseModuleTest(unittest.TestCase):
    def test_default_formulation_is_a_playable_counting_game(self):
        f = sz.SZ_Formulation()
        state = f.initialize_problem({})
        op = f.operators.operators[0]
        for _ in range(3):
            self.assertFalse(state.is_goal())
            self.assertTrue(op.is_applicable(state))
            state = op.apply(state)
        self.assertTrue(state.is_goal())

    def test_instance_data_defaults_are_not_shared(self):
        a = sz.SZ_Problem_Instance_Data()
        b = sz.SZ_Problem_Instance_Data()
        a.data["secret"] = 42
        self.assertNotIn("secret", b.data)

    def test_old_positional_operator_order_is_accepted(self):
        op = sz.SZ_Operator("Go", lambda s: True, lambda s: "moved")
        self.assertEqual(op.apply(object()), "moved")
        self.assertEqual(op.description, "")


if __name__ == "__main__":
    unittest.main()
